import DNSWire
import Foundation
import GRDB

/// The listing history in SQLite: run summaries, zone health per run, listing episodes, and the
/// pairs whose latest verdict is unknown.
///
/// The database grows with listings and runs, not with targets × zones × runs: a clean pair writes
/// nothing, a run writes one summary row plus one health row per probed zone.
public final class HistoryStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String

    /// Opens the database at `path` in WAL mode and migrates it.
    /// - Parameters:
    ///   - path: the database file.
    ///   - create: create the file (and its directory) when missing; readers pass `false`.
    /// - Throws: ``StoreError`` naming the path: `.diskFull`, `.busy` or `.io`.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.io, "\(path): no history yet (run blwatch scan first, or pass --db FILE)")
        }
        try ParentDirectory.create(for: path)
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(StoreError.busyTimeout)
            // WAL, so other processes (status, the feed, a dashboard) read while a scan writes. One
            // connection, not a pool: each command is one sequence of reads and writes, and every
            // pooled reader would open and parse the schema again (time and memory of every run).
            configuration.journalMode = .wal
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try HistoryStore.migrator.migrate(queue)
            writer = queue
        } catch {
            // A reader still gets the history on a full disk (status, history, feed while it is full).
            guard !create, let reader = Self.fullDiskReader(path, after: error) else {
                throw StoreError.database(path, cannot: "open the history database", error)
            }
            writer = reader
        }
    }

    /// Opens an in-memory database, for tests.
    public init(inMemory: Void = ()) throws {
        path = ":memory:"
        let queue = try DatabaseQueue()
        try HistoryStore.migrator.migrate(queue)
        writer = queue
    }

    /// Stores a run: its summary, zone health, episode changes, unknown verdicts and the alerts it
    /// raises, in one transaction.
    /// - Parameters:
    ///   - confirm: scans a listing must be seen in before it alerts (`alerts.confirm`).
    ///   - channels: where alerts go; one outbox row per channel when the run has events.
    ///   - audit: the findings of an audit run with the scan, stored with it (new and resolved ones
    ///     of warning severity or worse are events).
    /// - Returns: the stored run, the listing changes and the alert events it detected.
    /// - Throws: ``StoreError`` `.io`; nothing of the run is stored then.
    public func record(
        _ result: ScanResult,
        plan: ScanPlan,
        confirm: Int = 1,
        channels: [AlertChannel] = [],
        audit: [AuditBatch] = []
    ) throws -> (run: ScanRunRecord, changes: [ListingChange], events: [AlertEvent]) {
        do {
            return try writer.write { db in
                var run = ScanRunRecord(
                    startedAt: result.startedAt,
                    finishedAt: result.finishedAt,
                    servers: result.servers.joined(separator: ","),
                    subjectCount: plan.subjects.count,
                    zoneCount: plan.zones.count,
                    queryCount: result.queryCount,
                    listedCount: result.listedCount,
                    cleanCount: result.cleanCount,
                    unknownCount: result.unknownCount,
                    openedCount: 0,
                    clearedCount: 0,
                    exitStatus: Int(result.status.rawValue),
                    resolverProblem: AlertEventDetector.resolverProblem(result.health)
                )
                try run.insert(db)
                let runID = run.id!
                // Healthy zones are the norm; only failures are kept, so a good run writes one row.
                for health in result.health where !health.isHealthy || health.untested {
                    var row = ZoneHealthRecord(
                        scanRunId: runID,
                        zoneId: health.zoneID,
                        kind: health.kind.rawValue,
                        state: health.label,
                        problem: health.problem?.token,
                        detail: health.problem?.description
                    )
                    try row.insert(db)
                }
                let open = try ListingRecord.all().open().fetchAll(db)
                let correlation = Correlator.correlate(open: open, observations: result.observations, plan: plan)
                let detector = AlertEventDetector(confirm: confirm, plan: plan, result: result)
                let applied = try apply(correlation, runID: runID, at: result.startedAt, detector: detector, db: db)
                try updateUnknowns(result.observations, plan: plan, runID: runID, at: result.startedAt, db: db)
                var events = applied.alerted
                events += try detector.detect(runID: runID, delisted: applied.delisted, db: db)
                for audit in audit {
                    let changes = try Self.saveAudit(
                        audit.findings,
                        source: audit.source,
                        subjects: audit.subjects,
                        at: result.startedAt,
                        db: db
                    )
                    events += AlertEvent.auditEvents(changes)
                }
                if !events.isEmpty {
                    for channel in channels {
                        var row = AlertOutboxRecord.make(events: events, channel: channel, runID: runID, at: Date())
                        try row.insert(db)
                    }
                }
                for (zoneID, queries) in result.queriesByZone where queries > 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO zoneUsage (day, zoneId, queries) VALUES (?, ?, ?)
                            ON CONFLICT (day, zoneId) DO UPDATE SET queries = queries + excluded.queries
                            """,
                        arguments: [Self.day(result.startedAt), zoneID, queries]
                    )
                }
                run.openedCount = correlation.changes.filter { if case .listed = $0 { true } else { false } }.count
                run.clearedCount = correlation.changes.count - run.openedCount
                try run.update(db)
                return (run, correlation.changes, events)
            }
        } catch {
            throw StoreError.database(path, cannot: "record the scan", error)
        }
    }

    /// - Returns: the episodes this run closed, as stored, and the events of the episodes it opened
    ///   that alert at once (`confirm` 1: marked alerted as they are inserted, no second write).
    private func apply(
        _ correlation: Correlation,
        runID: Int64,
        at date: Date,
        detector: AlertEventDetector,
        db: Database
    ) throws -> (delisted: [ListingRecord], alerted: [AlertEvent]) {
        var delisted: [ListingRecord] = []
        var alerted: [AlertEvent] = []
        let alertAtOnce = detector.confirm <= 1
        if alertAtOnce { alerted.reserveCapacity(correlation.changes.count) }
        for change in correlation.changes {
            switch change {
            case .listed(let observation):
                var episode = ListingRecord(
                    subject: observation.subject.description,
                    zoneId: observation.zoneID,
                    codes: observation.listingCodesText,
                    meanings: Self.meanings(observation),
                    txt: observation.txt,
                    firstSeenAt: date,
                    lastSeenAt: date,
                    clearedAt: nil,
                    openedRunId: runID,
                    lastSeenRunId: runID,
                    clearedRunId: nil,
                    alertedRunId: alertAtOnce ? runID : nil
                )
                try episode.insert(db)
                if alertAtOnce { alerted.append(detector.listedEvent(episode, observation)) }
            case .delisted(var episode):
                episode.clearedAt = date
                episode.clearedRunId = runID
                try episode.update(db)
                delisted.append(episode)
            }
        }
        // Only changed listings come back from the correlator: an unchanged scan costs one summary
        // row. `lastSeenAt` is therefore the last change; readers take later sightings from the runs.
        for (var episode, observation) in correlation.continuing {
            let codes = observation.listingCodesText
            let txt = observation.txt ?? episode.txt
            episode.lastSeenAt = date
            episode.lastSeenRunId = runID
            episode.codes = codes
            episode.meanings = Self.meanings(observation)
            episode.txt = txt
            try episode.update(db)
        }
        return (delisted, alerted)
    }

    private func updateUnknowns(
        _ observations: [Observation],
        plan: ScanPlan,
        runID: Int64,
        at date: Date,
        db: Database
    )
        throws
    {
        var existing: [String: UnknownVerdictRecord] = [:]
        for row in try UnknownVerdictRecord.fetchAll(db) { existing[row.subject + "|" + row.zoneId] = row }
        var current: Set<String> = []
        for observation in observations {
            guard case .unknown(let cause) = observation.verdict else { continue }
            let key = observation.subject.description + "|" + observation.zoneID
            current.insert(key)
            var row =
                existing[key]
                ?? UnknownVerdictRecord(
                    subject: observation.subject.description,
                    zoneId: observation.zoneID,
                    cause: cause.token,
                    detail: cause.description,
                    since: date,
                    lastRunId: runID
                )
            row.cause = cause.token
            row.detail = cause.description
            row.lastRunId = runID
            try row.save(db)
        }
        for (key, row) in existing where !current.contains(key) {
            if let subject = Subject(row.subject), plan.covers(subject, zoneID: row.zoneId) {
                try row.delete(db)
            }
        }
    }

    /// The UTC day of `date`, `2026-11-29`, the key of the daily query budgets.
    static func day(_ date: Date) -> String { date.formatted(dayStyle) }

    private static let dayStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day()

    static func meanings(_ observation: Observation) -> String {
        guard case .listed(let codes) = observation.verdict else { return "" }
        return codes.map { "\($0.code): \($0.meaning.meaning)" }.joined(separator: "\n")
    }
}
