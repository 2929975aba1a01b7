public import DNSWire

/// Why a zone failed its RFC 5782 §5 health probes, which makes every verdict on it unknown for the run.
public enum HealthProblem: Sendable, Hashable, CustomStringConvertible {
    /// The must-be-listed test entry is not listed: the zone was emptied or is dead ("silent clean").
    case testEntryMissing
    /// The never-listed test entry is listed: the zone answers "listed" for everything (wildcard).
    case listsEverything(String)
    /// The list refused the resolver with one of its error codes (open resolver, volume, key).
    case refused(code: IPv4Address, cause: CodeMeaning.ErrorCause, meaning: String)
    /// An answer outside 127/8: the resolver rewrites NXDOMAIN, or the domain is parked.
    case rewritten(IPv4Address)
    /// No usable answer to the probes (timeout, SERVFAIL, REFUSED, network error).
    case unreachable(String)

    /// Whether the problem lies with the resolver rather than the list, so the fix is a better resolver.
    public var isResolverProblem: Bool {
        switch self {
        case .refused(_, let cause, _): cause == .openResolver
        case .rewritten: true
        default: false
        }
    }

    /// A stable token for JSON and the database.
    public var token: String {
        switch self {
        case .testEntryMissing: "testEntryMissing"
        case .listsEverything: "listsEverything"
        case .refused: "refused"
        case .rewritten: "rewritten"
        case .unreachable: "unreachable"
        }
    }

    public var description: String {
        switch self {
        case .testEntryMissing: "the RFC 5782 test entry is not listed (zone emptied or dead)"
        case .listsEverything(let detail): "the never-listed test entry is listed (\(detail)): zone answers everything"
        case .refused(let code, _, let meaning): "the list refused the query with \(code): \(meaning)"
        case .rewritten(let address):
            "answer \(address) outside 127.0.0.0/8: the resolver rewrites NXDOMAIN or the zone is parked"
        case .unreachable(let detail): "no usable answer to the test queries (\(detail))"
        }
    }
}
