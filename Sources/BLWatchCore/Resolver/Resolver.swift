public import DNSWire

/// Something that answers DNS questions: the stub resolver in production, the same stub pointed
/// at a loopback server in tests.
///
/// A lookup never throws: a timeout or a broken answer is a ``Lookup`` with a failure outcome,
/// because a failing resolver is a verdict ("unknown"), not a reason to stop the scan.
public protocol Resolver: Sendable {
    /// Asks for `type` records of `name`.
    /// - Parameters:
    ///   - name: an absolute name.
    ///   - type: the record type.
    /// - Returns: the answer, or why there is none.
    func lookup(_ name: DomainName, _ type: RecordType) async -> Lookup

    /// The servers queried, for reports (`127.0.0.1:53`).
    var serverDescriptions: [String] { get }
}

/// The result of one DNS lookup, after retries across servers.
public struct Lookup: Sendable {
    /// What came back.
    public enum Outcome: Sendable {
        /// A response that matched the question (any response code).
        case response(Message)
        /// No usable response.
        case failure(LookupFailure)
    }

    /// What came back.
    public var outcome: Outcome
    /// The server that gave the final response or the last failure (`127.0.0.1:53`).
    public var server: String
    /// Wall time from the first send to the final outcome.
    public var duration: Duration

    /// Creates a lookup result.
    public init(outcome: Outcome, server: String, duration: Duration) {
        self.outcome = outcome
        self.server = server
        self.duration = duration
    }
}

/// Why a lookup produced no usable response.
public enum LookupFailure: Sendable, Hashable, CustomStringConvertible {
    /// No matching answer within the timeout, on every attempt.
    case timeout
    /// The query could not be sent or the TCP connection failed.
    case network(String)
    /// A response with the right ID and source could not be decoded.
    case malformed(String)

    public var description: String {
        switch self {
        case .timeout: "timeout"
        case .network(let detail): "network error: \(detail)"
        case .malformed(let detail): "malformed answer: \(detail)"
        }
    }
}
