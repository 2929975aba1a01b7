public import Foundation
import GRDB

extension HistoryStore {
    /// Listing episodes still open, by subject then zone, with `lastSeenAt` brought up to the last
    /// run that saw them: the latest run, unless the pair has been unknown since, then the run
    /// before the unknown streak began.
    public func openListings() throws -> [ListingRecord] {
        try read { db in
            let episodes = try ListingRecord.all().open().order(Column("subject"), Column("zoneId")).fetchAll(db)
            guard let latest = try ScanRunRecord.order(Column("id").desc).fetchOne(db) else { return episodes }
            var unknownSince: [String: Date] = [:]
            for row in try UnknownVerdictRecord.fetchAll(db) {
                unknownSince[row.subject + "|" + row.zoneId] = row.since
            }
            return try episodes.map { episode in
                var episode = episode
                var seen = latest.startedAt
                if let since = unknownSince[episode.subject + "|" + episode.zoneId] {
                    seen =
                        try Date.fetchOne(
                            db,
                            sql: "SELECT max(startedAt) FROM scanRun WHERE startedAt < ?",
                            arguments: [since]
                        )
                        ?? episode.lastSeenAt
                }
                episode.lastSeenAt = max(episode.lastSeenAt, seen)
                return episode
            }
        }
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

    /// Runs `body` in a write transaction; a failure is a ``StoreError`` saying it could not `what`,
    /// and nothing of `body` is stored.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError.database(path, cannot: what, error)
        }
    }

    /// Runs `body` in a read transaction; a failure is a ``StoreError`` naming the file and `what`.
    func read<T>(_ what: String = "the history", _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError.database(path, cannot: "read \(what)", error)
        }
    }
}
