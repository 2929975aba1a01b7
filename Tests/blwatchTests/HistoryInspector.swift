import BLWatchCore
import Foundation
import GRDB

/// Reads a history database the way an auditor would: read-only, with SQLite's own checks, and
/// lists every broken invariant of the schema in `Sources/BLWatchCore/Store` as a sentence.
struct HistoryInspector {
    /// What the database holds, read in one transaction.
    struct Snapshot {
        var integrity: [String]
        var foreignKeyViolations: Int
        var runs: [ScanRunRecord]
        var episodes: [ListingRecord]
        var outbox: [AlertOutboxRecord]
        var findings: [AuditFindingRecord]

        var open: [ListingRecord] { episodes.filter(\.isOpen) }
    }

    /// Opens `path` read-only and reads everything the checks need.
    static func snapshot(_ path: String) throws -> Snapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            Snapshot(
                integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                foreignKeyViolations: try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                runs: try ScanRunRecord.order(Column("id")).fetchAll(db),
                episodes: try ListingRecord.order(Column("id")).fetchAll(db),
                outbox: try AlertOutboxRecord.order(Column("id")).fetchAll(db),
                findings: try AuditFindingRecord.fetchAll(db)
            )
        }
    }

    /// The broken invariants of a history that may have been cut short at any point: SQLite's
    /// integrity, and every row of a run present together with its run (no half-written run).
    static func violations(_ snapshot: Snapshot) -> [String] {
        var problems: [String] = []
        if snapshot.integrity != ["ok"] { problems.append("integrity_check: \(snapshot.integrity)") }
        if snapshot.foreignKeyViolations > 0 {
            problems.append("foreign_key_check: \(snapshot.foreignKeyViolations) rows")
        }
        let runIDs = Set(snapshot.runs.compactMap(\.id))
        for run in snapshot.runs {
            let id = run.id ?? -1
            let opened = snapshot.episodes.count { $0.openedRunId == id }
            let cleared = snapshot.episodes.count { $0.clearedRunId == id }
            if run.openedCount != opened || run.clearedCount != cleared {
                problems.append(
                    "run \(id) says \(run.openedCount) opened, \(run.clearedCount) cleared; episodes say \(opened), \(cleared)"
                )
            }
            if run.listedCount + run.cleanCount + run.unknownCount != run.subjectCount * run.zoneCount {
                problems.append("run \(id): verdicts do not add up to \(run.subjectCount) × \(run.zoneCount)")
            }
        }
        for episode in snapshot.episodes {
            let refs =
                [episode.openedRunId, episode.lastSeenRunId]
                + [episode.clearedRunId, episode.alertedRunId]
                .compactMap { $0 }
            if let missing = refs.first(where: { !runIDs.contains($0) }) {
                problems.append("episode \(episode.id ?? -1) refers to missing run \(missing)")
            }
            if (episode.clearedAt == nil) != (episode.clearedRunId == nil) {
                problems.append("episode \(episode.id ?? -1) is half closed")
            }
        }
        let pairs = snapshot.open.map { "\($0.subject)|\($0.zoneId)" }
        if Set(pairs).count != pairs.count { problems.append("two open episodes for one pair") }
        // The latest run saw exactly the open episodes (no unknown verdicts in these trials).
        if let latest = snapshot.runs.last, latest.unknownCount == 0, latest.listedCount != snapshot.open.count {
            problems.append("latest run \(latest.id ?? -1) listed \(latest.listedCount), \(snapshot.open.count) open")
        }
        for row in snapshot.outbox where row.scanRunId.map({ !runIDs.contains($0) }) ?? false {
            problems.append("outbox row \(row.id ?? -1) refers to a missing run")
        }
        return problems
    }

    /// How the alerts stand against the episodes: every change raised once, in one outbox row.
    struct AlertLedger {
        /// Events raised more than once (kind, episode or title).
        var duplicateEvents: [String] = []
        /// Changes without their event.
        var missingEvents: [String] = []
        /// Rows not delivered yet.
        var pending = 0
    }

    /// Matches the outbox against the episodes and findings.
    static func ledger(_ snapshot: Snapshot) -> AlertLedger {
        var ledger = AlertLedger()
        var seen: [String: Int] = [:]
        for row in snapshot.outbox {
            if row.sentAt == nil { ledger.pending += 1 }
            for event in row.decodedEvents {
                let key =
                    event.episodeId.map { "\(event.kind.rawValue) episode \($0)" }
                    ?? "\(event.kind.rawValue) \(event.title)"
                seen[key, default: 0] += 1
            }
        }
        ledger.duplicateEvents = seen.filter { $0.value > 1 }.map { "\($0.key) ×\($0.value)" }.sorted()
        var expected: [String] = []
        for episode in snapshot.episodes {
            guard let id = episode.id else { continue }
            if episode.alertedRunId == nil {
                if episode.isOpen { ledger.missingEvents.append("episode \(id) open but never alerted") }
                continue
            }
            expected.append("listed episode \(id)")
            if !episode.isOpen { expected.append("delisted episode \(id)") }
        }
        for finding in snapshot.findings where finding.severity >= .warning {
            expected.append("findingNew \(finding.subject): \(finding.title)")
        }
        ledger.missingEvents += expected.filter { seen[$0] == nil }
        return ledger
    }

    /// The outbox row id a Message-ID names (`<blwatch.RUN.ROW.TIME@host>`).
    static func outboxID(messageID: String) -> Int64? {
        let parts = messageID.split(separator: ".")
        return parts.count > 2 ? Int64(parts[2]) : nil
    }
}
