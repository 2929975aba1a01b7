/// The outcome a server reports in a response header (RFC 1035 §4.1.1).
///
/// Only the low four bits travel in the header; the EDNS extended bits are not combined in.
public struct ResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The response code number; the encoder writes its low four bits.
    public var rawValue: UInt16

    /// Wraps a response code number.
    ///
    /// - Parameter rawValue: The code number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The query succeeded; a DNSBL answers this way for a listed address.
    public static let noError = ResponseCode(rawValue: 0)
    /// The server could not interpret the query.
    public static let formatError = ResponseCode(rawValue: 1)
    /// The server failed; a DNSBL result is then inconclusive.
    public static let serverFailure = ResponseCode(rawValue: 2)
    /// The name does not exist; a DNSBL answers this way for an address that is not listed.
    public static let nameError = ResponseCode(rawValue: 3)
    /// The server does not support this kind of query.
    public static let notImplemented = ResponseCode(rawValue: 4)
    /// The server refuses to answer, often because of rate limits or public-resolver blocks.
    public static let refused = ResponseCode(rawValue: 5)

    /// The conventional name, such as `"NXDOMAIN"`, or `"RCODE<n>"` for other values.
    public var description: String {
        switch self {
        case .noError: "NOERROR"
        case .formatError: "FORMERR"
        case .serverFailure: "SERVFAIL"
        case .nameError: "NXDOMAIN"
        case .notImplemented: "NOTIMP"
        case .refused: "REFUSED"
        default: "RCODE\(rawValue)"
        }
    }
}
