extension Zone {
    /// A zone that is not in the catalog, queried with RFC 5782 defaults (`blwatch check --zone`).
    ///
    /// Any 127/8 answer is a listing except 127.0.0.1 (reserved) and 127.255.255.0/24 (the error range
    /// Spamhaus and others use); the RFC 5782 test entries are probed first, as for catalog zones.
    /// - Parameter name: the zone's DNS name.
    /// - Returns: the zone, or `nil` when `name` is not a valid DNS name.
    public static func adHoc(_ name: String) -> Zone? {
        let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
        let zone = Zone(
            id: trimmed.lowercased(),
            name: trimmed,
            zoneTemplate: trimmed,
            kinds: [.ipv4, .ipv6],
            publishesTXT: true
        )
        return zone.dnsName(key: nil) == nil ? nil : zone
    }
}
