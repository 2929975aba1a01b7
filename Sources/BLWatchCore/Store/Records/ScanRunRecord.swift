public import Foundation
public import GRDB

/// One row of `scanRun`: the compact summary of one scan.
public struct ScanRunRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var startedAt: Date
    public var finishedAt: Date
    /// Resolvers used, comma-separated.
    public var servers: String
    public var subjectCount: Int
    public var zoneCount: Int
    public var queryCount: Int
    public var listedCount: Int
    public var cleanCount: Int
    public var unknownCount: Int
    /// Listing episodes opened by this run.
    public var openedCount: Int
    /// Listing episodes closed by this run.
    public var clearedCount: Int
    /// The exit status the run ended with.
    public var exitStatus: Int
    /// What kept the resolver from answering usefully (refused by lists, rewriting, unreachable);
    /// `nil` when it was fit.
    public var resolverProblem: String? = nil
}

extension ScanRunRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "scanRun"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
