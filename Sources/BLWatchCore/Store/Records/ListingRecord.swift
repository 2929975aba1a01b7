public import Foundation
public import GRDB

/// One row of `listing`: a listing episode, from the run that first saw it to the run that saw it gone.
///
/// Unknown verdicts never open or close an episode: only a definite "listed" opens one, and only a
/// definite "clean" closes it.
public struct ListingRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    /// The subject's canonical text.
    public var subject: String
    public var zoneId: String
    /// The listing codes of the latest sighting, comma-separated.
    public var codes: String
    /// Their meanings, as `code: meaning` lines.
    public var meanings: String
    /// The TXT reason of the latest sighting.
    public var txt: String?
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    /// When a clean answer closed the episode; `nil` while it is open.
    public var clearedAt: Date?
    public var openedRunId: Int64
    public var lastSeenRunId: Int64
    public var clearedRunId: Int64?
    /// Runs that saw the listing, counted only until its alert is raised (`alerts.confirm`).
    public var sightings: Int = 1
    /// The run that raised the episode's "listed" alert; `nil` while it waits for confirmation.
    public var alertedRunId: Int64? = nil

    /// Whether the episode is still open.
    public var isOpen: Bool { clearedAt == nil }

    /// ``meanings`` read back: each code with its meaning, in the order stored.
    public var codeMeanings: [(code: String, meaning: String)] {
        meanings.split(separator: "\n").map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
    }
}

extension ListingRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "listing"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column names for queries.
    public enum Columns {
        public static let subject = Column("subject")
        public static let zoneId = Column("zoneId")
        public static let firstSeenAt = Column("firstSeenAt")
        public static let clearedAt = Column("clearedAt")
    }
}

extension DerivableRequest<ListingRecord> {
    /// Episodes still open.
    public func open() -> Self { filter(ListingRecord.Columns.clearedAt == nil) }

    /// Episodes of one subject.
    public func of(subject: String) -> Self { filter(ListingRecord.Columns.subject == subject) }
}
