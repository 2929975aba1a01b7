public import Foundation
import GRDB

/// The findings of one audit, to be stored with the scan that ran it.
public struct AuditBatch: Sendable {
    public var findings: [AuditFinding]
    public var source: AuditFinding.Source
    /// What was audited: open findings of these subjects that were not found again are resolved.
    public var subjects: Set<String>

    /// Creates a batch.
    public init(findings: [AuditFinding], source: AuditFinding.Source, subjects: Set<String>) {
        self.findings = findings
        self.source = source
        self.subjects = subjects
    }
}

extension HistoryStore {
    /// What one audit changed.
    public struct AuditChanges: Sendable {
        /// Findings not open before.
        public var new: [AuditFinding] = []
        /// Findings open before that this audit of their subject no longer found.
        public var resolved: [AuditFinding] = []
    }

    /// Stores the findings of one audit of `subjects` by `source`: new ones are opened, known ones
    /// touched, and open ones of those subjects that were not found again are resolved.
    /// - Parameters:
    ///   - findings: what the audit found.
    ///   - source: who audited.
    ///   - subjects: what it audited (a finding of another subject is never resolved by this run).
    ///   - date: when.
    /// - Throws: ``StoreError`` `.io`.
    @discardableResult
    public func saveAudit(_ findings: [AuditFinding], source: AuditFinding.Source, subjects: Set<String>, at date: Date)
        throws -> AuditChanges
    {
        return try write("store audit findings") { db in
            try Self.saveAudit(findings, source: source, subjects: subjects, at: date, db: db)
        }
    }

    /// ``saveAudit(_:source:subjects:at:)`` inside a transaction the caller holds.
    static func saveAudit(
        _ findings: [AuditFinding],
        source: AuditFinding.Source,
        subjects: Set<String>,
        at date: Date,
        db: Database
    ) throws -> AuditChanges {
        var changes = AuditChanges()
        let open = try AuditFindingRecord.filter(Column("resolvedAt") == nil && Column("source") == source.rawValue)
            .fetchAll(db)
        var byKey = Dictionary(open.map { ("\($0.kind)|\($0.subject)", $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        // An address given twice (alone and inside a range) is audited twice: store it once.
        for finding in findings where seen.insert("\(finding.kind)|\(finding.subject)").inserted {
            if var row = byKey.removeValue(forKey: "\(finding.kind)|\(finding.subject)") {
                // Unchanged, it is left alone: a scan that finds what the last one found writes
                // nothing here (the history grows with changes, not with scans).
                guard row.finding != finding else { continue }
                row.lastSeenAt = date
                row.evidence = finding.evidence
                row.severity = finding.severity
                row.title = finding.title
                row.fix = finding.fix
                try row.update(db)
            } else {
                var row = AuditFindingRecord(finding, at: date)
                try row.insert(db)
                changes.new.append(finding)
            }
        }
        for (_, var row) in byKey where subjects.contains(row.subject) {
            row.resolvedAt = date
            try row.update(db)
            changes.resolved.append(row.finding)
        }
        return changes
    }

    /// Findings that still hold, most severe first.
    public func openFindings() throws -> [AuditFindingRecord] {
        try read("the audit history") { db in
            try AuditFindingRecord.filter(Column("resolvedAt") == nil).order(Column("firstSeenAt")).fetchAll(db)
                .sorted { $0.severity > $1.severity }
        }
    }

}
