public import DNSWire

/// One thing a DNSBL is asked about: an IPv4 address, an IPv6 address or a domain name.
public enum Subject: Sendable, Hashable, Comparable, CustomStringConvertible {
    case ipv4(IPv4Address)
    case ipv6(IPv6Address)
    case domain(DomainName)

    /// Parses an address in any notation (IPv6 compressed or not) or a domain name.
    /// - Parameter text: `192.0.2.1`, `2001:DB8::25`, `example.com`.
    /// - Returns: the subject, or `nil` when `text` is none of them.
    public init?(_ text: String) {
        if let address = IPv4Address(text) {
            self = .ipv4(address)
        } else if let address = IPv6Address(text) {
            self = .ipv6(address)
        } else if Subject.looksLikeDomain(text), let name = try? DomainName(text) {
            self = .domain(name)
        } else {
            return nil
        }
    }

    /// The zone kind that can answer for this subject.
    public var kind: ZoneKind {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        case .domain: .domain
        }
    }

    /// Canonical text: dotted quad, RFC 5952 IPv6, domain without the trailing dot.
    public var description: String {
        switch self {
        case .ipv4(let address): address.description
        case .ipv6(let address): address.description
        case .domain(let name): String(name.description.dropLast()).lowercased()
        }
    }

    /// The DNSBL query name for this subject in `zone` (RFC 5782 §2.1, §2.4, §3).
    ///
    /// IPv4 reverses the octets; IPv6 reverses all 32 nibbles of the full 128 bits (never collapsed
    /// to IPv4, even for ::ffff:0:0/96); a domain is prepended as is.
    /// - Throws: ``DNSWireError`` when the result would exceed 255 bytes.
    public func queryName(in zone: DomainName) throws(DNSWireError) -> DomainName {
        switch self {
        case .ipv4(let address):
            let octets = address.octets
            return try DomainName(labels: octets.reversed().map { Self.decimalLabels[Int($0)] } + zone.labels)
        case .ipv6(let address):
            return try DomainName(labels: address.nibbles.reversed().map { Self.hexLabels[Int($0)] } + zone.labels)
        case .domain(let name):
            return try zone.prepending(name)
        }
    }

    /// "0" … "255" as label bytes, so building a query name allocates no strings (the scan's hot path).
    private static let decimalLabels: [[UInt8]] = (0...255).map { Array(String($0).utf8) }
    /// "0" … "f" as label bytes.
    private static let hexLabels: [[UInt8]] = (0..<16).map { Array(String($0, radix: 16).utf8) }

    public static func < (lhs: Subject, rhs: Subject) -> Bool {
        switch (lhs, rhs) {
        case (.ipv4(let a), .ipv4(let b)): a < b
        case (.ipv6(let a), .ipv6(let b)): a < b
        case (.domain(let a), .domain(let b)): a < b
        default: lhs.kind < rhs.kind
        }
    }

    /// A host name by RFC 1123 rules: letters, digits, hyphens (and underscores, which DNSBL names use)
    /// in labels that neither start nor end with a hyphen, at least two labels, and a last label that is
    /// not all digits, so that a mistyped address such as 192.0.2.256 is never taken for a domain.
    private static func looksLikeDomain(_ text: String) -> Bool {
        let trimmed = text.hasSuffix(".") ? text.dropLast() : Substring(text)
        let labels = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, !last.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { byte in
                    byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                }
        }
    }
}

extension Subject {
    /// The RFC 5782 §5 test entries for a zone kind: the one that must be listed, and the one that must not.
    public static func testEntries(for kind: ZoneKind) -> (listed: Subject, notListed: Subject) {
        switch kind {
        case .ipv4: (.ipv4(IPv4Address(127, 0, 0, 2)), .ipv4(IPv4Address(127, 0, 0, 1)))
        case .ipv6:
            (.ipv6(IPv6Address(high: 0, low: 0xFFFF_7F00_0002)), .ipv6(IPv6Address(high: 0, low: 0xFFFF_7F00_0001)))
        // RFC 5782 §5: TEST must be listed and INVALID must not be, for domain-keyed lists.
        case .domain: (.domain(try! DomainName("test")), .domain(try! DomainName("invalid")))
        }
    }
}
