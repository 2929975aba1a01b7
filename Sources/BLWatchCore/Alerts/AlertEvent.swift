public import Foundation

/// A change worth telling someone about. Scans emit events only on state changes; unknown verdicts
/// never raise or clear one.
///
/// An event carries what its message needs, captured when it happened, so an alert that waits in
/// the outbox for days still says what was true then.
public struct AlertEvent: Codable, Sendable, Hashable {
    /// What changed.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case listed
        case delisted
        case zoneUnhealthy
        case zoneHealthy
        case resolverUnfit
        case resolverFit
        /// An audit found a problem (warning or critical) it had not found before.
        case findingNew
        /// A problem an audit had found is gone.
        case findingResolved
        /// Sent by `blwatch alert test`.
        case test
    }

    /// A listing code with what the catalog says of it.
    public struct Code: Codable, Sendable, Hashable {
        public var code: String
        public var meaning: String
        public var list: String?
        public var action: String?
    }

    public var kind: Kind
    /// One line: `192.0.2.83 listed on Spamhaus XBL`.
    public var title: String
    public var subject: String?
    public var zoneId: String?
    public var zoneName: String?
    public var codes: [Code] = []
    public var txt: String?
    /// When the episode began.
    public var since: Date?
    /// When it ended (delisted).
    public var clearedAt: Date?
    /// The episode, for its reasons.
    public var episodeId: Int64?
    /// The health or resolver problem in words.
    public var detail: String?
    /// The catalog's delist page for the subject.
    public var delistURL: String?

    /// Whether the event is about a listing (as opposed to zone or resolver health).
    public var isListing: Bool { kind == .listed || kind == .delisted }

    /// Events for the audit findings that appeared or went (info findings are not worth a mail).
    static func auditEvents(_ changes: HistoryStore.AuditChanges) -> [AlertEvent] {
        let new = changes.new.filter { $0.severity >= .warning }.map { finding in
            AlertEvent(
                kind: .findingNew,
                title: "\(finding.subject): \(finding.title)",
                subject: finding.subject,
                detail: ([finding.severity.rawValue + ": " + finding.title] + finding.evidence + ["fix: " + finding.fix])
                    .joined(separator: "\n")
            )
        }
        let resolved = changes.resolved.filter { $0.severity >= .warning }.map { finding in
            AlertEvent(
                kind: .findingResolved,
                title: "\(finding.subject): resolved: \(finding.title)",
                subject: finding.subject,
                detail: finding.title
            )
        }
        return new + resolved
    }

    /// A display name for the list that carries the codes: `Spamhaus XBL` for ZEN's 127.0.0.4, else
    /// the zone's name.
    static func listName(zoneName: String, lists: [String]) -> String {
        guard let list = lists.first, !zoneName.localizedCaseInsensitiveContains(list) else { return zoneName }
        let provider = zoneName.split(separator: " ").first.map(String.init) ?? zoneName
        return provider == zoneName ? "\(zoneName) (\(list))" : "\(provider) \(list)"
    }
}
