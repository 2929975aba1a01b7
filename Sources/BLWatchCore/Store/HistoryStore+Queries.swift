public import Foundation
import GRDB

extension HistoryStore {
    /// Listing episodes still open, by subject then zone.
    public func openListings() throws -> [ListingRecord] {
        try read { db in try ListingRecord.all().open().order(Column("subject"), Column("zoneId")).fetchAll(db) }
    }

    /// Pairs whose latest verdict is unknown.
    public func unknownVerdicts() throws -> [UnknownVerdictRecord] {
        try read { db in try UnknownVerdictRecord.order(Column("subject"), Column("zoneId")).fetchAll(db) }
    }

    /// Every episode, newest first, optionally for one subject.
    public func episodes(subject: String?, limit: Int = 500) throws -> [ListingRecord] {
        try read { db in
            var request = ListingRecord.all()
            if let subject { request = request.of(subject: subject) }
            return try request.order(ListingRecord.Columns.firstSeenAt.desc, Column("id").desc).limit(limit).fetchAll(
                db
            )
        }
    }

    /// The latest runs, newest first.
    public func runs(limit: Int = 20) throws -> [ScanRunRecord] {
        try read { db in try ScanRunRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// Queries sent today (UTC) per zone id, for the daily budgets.
    public func queriesToday(_ now: Date = Date()) throws -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT zoneId, queries FROM zoneUsage WHERE day = ?",
                arguments: [Self.day(now)]
            )
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["zoneId"] as String, $0["queries"] as Int) })
        }
    }

    /// The zone health rows of one run.
    public func health(runID: Int64) throws -> [ZoneHealthRecord] {
        try read { db in try ZoneHealthRecord.filter(Column("scanRunId") == runID).order(Column("id")).fetchAll(db) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(.io, "\(path): cannot read the history: \(Self.describe(error))")
        }
    }
}
