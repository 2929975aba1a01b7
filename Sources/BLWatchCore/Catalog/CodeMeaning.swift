/// What one A-record answer value of a zone means, as documented by the list.
///
/// Only `.listing` makes a verdict "listed". `.error` answers (Spamhaus 127.255.255.0/24, DBL
/// 127.0.1.255) say the query itself was refused or wrong, so the verdict is unknown; reputation and
/// allow-list values are answers about the target that are not listings.
public struct CodeMeaning: Sendable, Hashable {
    /// The kind of answer.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case listing, error, reputation, allow
    }

    /// Why a list refused or could not answer a query.
    public enum ErrorCause: String, Sendable, Hashable, CaseIterable {
        case openResolver, volume, typo, badKey, wrongQueryType, other
    }

    /// What a listing is about; the diagnosis ties categories to causes and fixes.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        case spam, exploit, policy, backscatter, reputation, phish, malware, botnet, abused, newDomain
        case authentication, other
    }

    /// How much a listing hurts delivery.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        case info, low, medium, high

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The kind of answer.
    public var kind: Kind
    /// One sentence for the operator.
    public var meaning: String
    /// The sub-list, such as `XBL` inside ZEN.
    public var list: String?
    /// For listings: what the listing is about.
    public var category: Category?
    /// For listings: how much it hurts.
    public var severity: Severity?
    /// What the operator should do about it.
    public var action: String?
    /// For errors: why the query was refused.
    public var cause: ErrorCause?

    /// Creates a meaning.
    public init(
        kind: Kind,
        meaning: String,
        list: String? = nil,
        category: Category? = nil,
        severity: Severity? = nil,
        action: String? = nil,
        cause: ErrorCause? = nil
    ) {
        self.kind = kind
        self.meaning = meaning
        self.list = list
        self.category = category
        self.severity = severity
        self.action = action
        self.cause = cause
    }

    /// RFC 5782 default for a 127/8 value a zone does not document: a listing of unknown meaning.
    public static let undocumentedListing = CodeMeaning(
        kind: .listing,
        meaning: "listed (return code not documented for this zone)",
        category: .other,
        severity: .medium
    )

    /// 127.255.255.0/24 on a zone that does not document it: Spamhaus-style query refusal.
    public static let undocumentedRefusal = CodeMeaning(
        kind: .error,
        meaning: "the list refused the query (127.255.255.0/24 error range)",
        cause: .other
    )
}
