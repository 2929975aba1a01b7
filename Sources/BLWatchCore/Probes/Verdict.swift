public import DNSWire

/// The answer to "is this subject listed on this zone?": listed, clean, or unknown with a cause.
///
/// Unknown is a first-class answer. A dead list, a list that refuses the resolver, or a resolver
/// that fails or rewrites answers gives `.unknown`, never `.listed` and never `.clean`.
public enum Verdict: Sendable, Hashable {
    /// Listed, with every listing code the zone returned and what each means.
    case listed([ListingCode])
    /// Not listed: NXDOMAIN, NODATA, or only reputation/allow-list answers.
    case clean
    /// No trustworthy answer.
    case unknown(UnknownCause)

    /// `listed`, `clean` or `unknown`, for tables, JSON and the database.
    public var label: String {
        switch self {
        case .listed: "listed"
        case .clean: "clean"
        case .unknown: "unknown"
        }
    }

    /// Whether the verdict is clean.
    public var isClean: Bool { self == .clean }

    /// Whether the verdict is a listing.
    public var isListed: Bool {
        if case .listed = self { return true }
        return false
    }
}

/// One listing code returned by a zone, with its catalog meaning.
public struct ListingCode: Sendable, Hashable {
    /// The A-record value.
    public var code: IPv4Address
    /// What the zone documents for it.
    public var meaning: CodeMeaning

    /// Creates a listing code.
    public init(code: IPv4Address, meaning: CodeMeaning) {
        self.code = code
        self.meaning = meaning
    }
}

/// Why a verdict is unknown.
public enum UnknownCause: Sendable, Hashable, CustomStringConvertible {
    /// The resolver gave no usable answer.
    case lookupFailed(LookupFailure)
    /// The resolver answered SERVFAIL, REFUSED or another error code on every attempt.
    case responseCode(ResponseCode)
    /// The list answered one of its error codes (Spamhaus 127.255.255.x, DBL 127.0.1.255).
    case listError(code: IPv4Address, cause: CodeMeaning.ErrorCause, meaning: String)
    /// An answer outside 127.0.0.0/8: a resolver that rewrites NXDOMAIN, or a parked domain.
    case answerOutsideLoopback(IPv4Address)
    /// 127.0.0.1, which RFC 5782 reserves as never listed: a wildcard or broken zone.
    case reservedTestAnswer
    /// A code the zone's catalog entry says is not to be trusted as a listing.
    case undocumentedCode(IPv4Address)
    /// The zone failed its health probes this run, so none of its answers are trusted.
    case zoneUnhealthy(HealthProblem)
    /// The list's daily query budget (from lists.json) was used up, so the pair was not queried.
    case budgetExhausted

    /// A stable token for JSON and the database (`timeout`, `servfail`, `listError`, …).
    public var token: String {
        switch self {
        case .lookupFailed(.timeout): "timeout"
        case .lookupFailed(.network): "network"
        case .lookupFailed(.malformed): "malformed"
        case .responseCode(let code): code.description.lowercased()
        case .listError: "listError"
        case .answerOutsideLoopback: "answerOutsideLoopback"
        case .reservedTestAnswer: "reservedTestAnswer"
        case .undocumentedCode: "undocumentedCode"
        case .zoneUnhealthy: "zoneUnhealthy"
        case .budgetExhausted: "budgetExhausted"
        }
    }

    public var description: String {
        switch self {
        case .lookupFailed(let failure): "no answer from the resolver (\(failure))"
        case .responseCode(let code): "resolver answered \(code)"
        case .listError(let code, _, let meaning): "list refused the query with \(code): \(meaning)"
        case .answerOutsideLoopback(let address):
            "answer \(address) is outside 127.0.0.0/8 (resolver rewrites NXDOMAIN, or the zone is parked)"
        case .reservedTestAnswer: "answer 127.0.0.1 is reserved as never-listed (wildcard or broken zone)"
        case .undocumentedCode(let code): "answer \(code) is not a documented code of this zone"
        case .zoneUnhealthy(let problem): "zone unhealthy this run: \(problem)"
        case .budgetExhausted: "not queried: the list's daily query budget is used up"
        }
    }
}
