/// What a zone is keyed by, which decides how query names are built (RFC 5782 §2, §3).
public enum ZoneKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Reversed IPv4 octets: `2.0.0.127.<zone>`.
    case ipv4
    /// Reversed IPv6 nibbles, all 32 of them: `2.0.0.0.…<zone>`.
    case ipv6
    /// A domain name prepended to the zone (RHSBL): `example.com.<zone>`.
    case domain

    public static func < (lhs: ZoneKind, rhs: ZoneKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
