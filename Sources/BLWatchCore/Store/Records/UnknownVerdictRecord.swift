public import Foundation
public import GRDB

/// One row of `unknownVerdict`: a (subject, zone) whose latest verdict is unknown, and since when.
///
/// The row goes away at the first definite answer; it never touches listing episodes.
public struct UnknownVerdictRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var subject: String
    public var zoneId: String
    /// The cause token (`timeout`, `zoneUnhealthy`, …).
    public var cause: String
    /// The cause in words.
    public var detail: String
    /// The first run in the current streak of unknown verdicts.
    public var since: Date
    public var lastRunId: Int64
}

extension UnknownVerdictRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "unknownVerdict"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
