/// The type of a resource record or question (RFC 1035 §3.2.2), such as `A` or `TXT`.
///
/// A struct rather than an enum so that any 16-bit type survives decoding and re-encoding.
public struct RecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 16-bit type number on the wire.
    public var rawValue: UInt16

    /// Wraps a type number.
    ///
    /// - Parameter rawValue: The 16-bit type number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// An IPv4 host address.
    public static let a = RecordType(rawValue: 1)
    /// An authoritative name server.
    public static let ns = RecordType(rawValue: 2)
    /// The canonical name for an alias.
    public static let cname = RecordType(rawValue: 5)
    /// The start of a zone of authority.
    public static let soa = RecordType(rawValue: 6)
    /// A domain name pointer, used for reverse lookups.
    public static let ptr = RecordType(rawValue: 12)
    /// A mail exchange.
    public static let mx = RecordType(rawValue: 15)
    /// Text strings; DNSBLs put the listing reason here.
    public static let txt = RecordType(rawValue: 16)
    /// An IPv6 host address (RFC 3596).
    public static let aaaa = RecordType(rawValue: 28)
    /// The EDNS(0) pseudo-record (RFC 6891).
    public static let opt = RecordType(rawValue: 41)

    /// The mnemonic, such as `"AAAA"`, or `"TYPE123"` for types without one (RFC 3597 §5).
    public var description: String {
        switch self {
        case .a: "A"
        case .ns: "NS"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .ptr: "PTR"
        case .mx: "MX"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .opt: "OPT"
        default: "TYPE\(rawValue)"
        }
    }
}
