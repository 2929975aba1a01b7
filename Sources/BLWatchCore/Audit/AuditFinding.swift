import Foundation

/// Something the HELO audit found: what, how bad, the evidence, and the fix in one sentence.
///
/// Findings come from five sources: the DNS audit of each monitored address (PTR, forward-confirmed
/// reverse DNS, HELO name rules), the SMTP probe of the MTA, HELOs captured by `blwatch
/// helo-catch`, the MTA's logs, and its configuration. The diagnosis ranks them against listings.
public struct AuditFinding: Codable, Sendable, Hashable {
    /// How much it matters for deliverability.
    public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
        /// Worth knowing; no receiver rejects for it alone.
        case info
        /// Some receivers score or defer for it.
        case warning
        /// Receivers reject for it, and lists (CBL/XBL) list for it.
        case critical

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where a finding comes from.
    public enum Source: String, Codable, Sendable, CaseIterable {
        case dns
        case smtp
        case heloCatch
        case logs
        case config
    }

    /// A stable token, such as `ptrMissing` or `heloEmpty`, that the diagnosis and tests match.
    public var kind: String
    public var severity: Severity
    public var source: Source
    /// What it is about: an address, a HELO name, a log file, a config file.
    public var subject: String
    /// One line.
    public var title: String
    /// The facts behind it, one per line (a DNS answer, a log line, a config line).
    public var evidence: [String]
    /// The change to make, in one sentence.
    public var fix: String

    /// Creates a finding.
    public init(
        kind: String,
        severity: Severity,
        source: Source,
        subject: String,
        title: String,
        evidence: [String] = [],
        fix: String
    ) {
        self.kind = kind
        self.severity = severity
        self.source = source
        self.subject = subject
        self.title = title
        self.evidence = evidence
        self.fix = fix
    }
}
