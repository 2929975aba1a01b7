public import Foundation
public import GRDB

/// One row of `auditFinding`: a finding while it holds, with when it was first and last seen.
public struct AuditFindingRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var source: AuditFinding.Source
    public var kind: String
    public var subject: String
    public var severity: AuditFinding.Severity
    public var title: String
    /// The evidence lines, as a JSON array.
    public var evidence: [String]
    public var fix: String
    public var firstSeenAt: Date
    /// When an audit last found it with different evidence (an unchanged finding is not rewritten).
    public var lastSeenAt: Date
    /// When a later audit of the same subject no longer found it.
    public var resolvedAt: Date?

    /// The finding it stores.
    public var finding: AuditFinding {
        AuditFinding(
            kind: kind,
            severity: severity,
            source: source,
            subject: subject,
            title: title,
            evidence: evidence,
            fix: fix
        )
    }

    /// A new row for `finding`, seen at `date`.
    init(_ finding: AuditFinding, at date: Date) {
        source = finding.source
        kind = finding.kind
        subject = finding.subject
        severity = finding.severity
        title = finding.title
        evidence = finding.evidence
        fix = finding.fix
        firstSeenAt = date
        lastSeenAt = date
    }
}

extension AuditFindingRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditFinding"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AuditFinding.Source: DatabaseValueConvertible {}
extension AuditFinding.Severity: DatabaseValueConvertible {}
