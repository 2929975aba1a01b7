/// Why the monitored addresses are listed, as far as the evidence goes: causes ranked by how much
/// evidence supports them and whether they explain a current listing, each with the exact change.
public struct Diagnosis: Codable, Sendable, Equatable {
    /// One cause.
    public struct Cause: Codable, Sendable, Equatable {
        /// A stable token: `emptyHELOForBounces`, `badHELOName`, `noForwardConfirmedReverseDNS`.
        public var kind: String
        public var title: String
        /// `critical` when it explains a listing, else the worst evidence's severity.
        public var severity: AuditFinding.Severity
        /// Weight of the evidence; causes are ranked by it.
        public var score: Int
        /// The listings it explains, such as `192.0.2.83 on spamhaus-zen (127.0.0.4 XBL)`.
        public var listings: [String]
        /// One line per fact, naming where it comes from.
        public var evidence: [String]
        /// The change to make, in one or two sentences.
        public var fix: String
    }

    /// The target diagnosed, or `nil` for all.
    public var target: String?
    /// Most likely first.
    public var causes: [Cause]

    /// One line: the top cause, or why there is none.
    public var summary: String {
        guard let top = causes.first else { return "no cause found: no audit finding, captured HELO or log evidence" }
        let explains = top.listings.isEmpty ? "" : " (explains \(top.listings.joined(separator: ", ")))"
        return "\(top.title)\(explains): \(top.fix)"
    }

    /// The diagnosis as text for a terminal or a mail.
    public var text: String {
        guard !causes.isEmpty else { return "diagnosis: \(summary)" }
        var out = ["diagnosis\(target.map { " for \($0)" } ?? ""):"]
        for (index, cause) in causes.enumerated() {
            out.append("  \(index + 1). \(cause.title) [\(cause.severity.rawValue)]")
            for listing in cause.listings { out.append("     explains: \(listing)") }
            for line in cause.evidence { out.append("     - \(line)") }
            out.append("     fix: \(cause.fix)")
        }
        return out.joined(separator: "\n")
    }
}
