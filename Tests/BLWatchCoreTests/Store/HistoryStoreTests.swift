import DNSWire
import Foundation
import GRDB
import Testing

@testable import BLWatchCore

/// Episodes open on "listed", close only on "clean", and ignore "unknown".
struct HistoryStoreTests {
    static let zone = AnswerClassifierTests.zone
    static let subject = Subject("192.0.2.1")!
    static let plan = ScanPlan(
        targets: [Target(.single(subject)), Target(.single(Subject("192.0.2.2")!))],
        zones: [zone],
        key: nil
    )

    static func result(_ observations: [Observation], at date: Date = Date()) -> ScanResult {
        var result = ScanResult(
            startedAt: date,
            finishedAt: date,
            servers: ["127.0.0.1:53"],
            health: [],
            observations: observations
        )
        for observation in observations {
            switch observation.verdict {
            case .listed: result.listedCount += 1
            case .clean: result.cleanCount += 1
            case .unknown: result.unknownCount += 1
            }
        }
        return result
    }

    static func listed(_ subject: Subject = subject, code: IPv4Address = IPv4Address(127, 0, 0, 4)) -> Observation {
        Observation(
            subject: subject,
            zoneID: "zen",
            verdict: AnswerClassifier.verdict(for: [code], zone: zone),
            answers: [code],
            txt: "see https://example.test/\(subject)"
        )
    }

    static let unknown = Observation(subject: subject, zoneID: "zen", verdict: .unknown(.lookupFailed(.timeout)))

    @Test func repeatedListingKeepsOneEpisode() throws {
        let store = try HistoryStore()
        let first = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        let second = try store.record(Self.result([Self.listed(code: IPv4Address(127, 0, 0, 2))]), plan: Self.plan)
        #expect(first.changes.count == 1)
        #expect(second.changes.isEmpty)
        let open = try store.openListings()
        #expect(open.count == 1)
        #expect(open[0].codes == "127.0.0.2")
        #expect(open[0].openedRunId == first.run.id)
        #expect(open[0].lastSeenRunId == second.run.id)
    }

    @Test func anUnchangedListingWritesNothingButStaysCurrent() throws {
        let store = try HistoryStore()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try store.record(Self.result([Self.listed()], at: start), plan: Self.plan)
        let changes = try store.writer.read { db in db.totalChangesCount }
        _ = try store.record(Self.result([Self.listed()], at: start + 3600), plan: Self.plan)
        // One summary row (inserted, then its counts updated): nothing for the episode itself.
        #expect(try store.writer.read { db in db.totalChangesCount } - changes == 2)
        #expect(try store.openListings().map(\.lastSeenAt) == [start + 3600])
        _ = try store.record(Self.result([Self.unknown], at: start + 7200), plan: Self.plan)
        #expect(try store.openListings().map(\.lastSeenAt) == [start + 3600])
    }

    @Test func cleanAnswerClosesTheEpisode() throws {
        let store = try HistoryStore()
        _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        let cleared = try store.record(Self.result([]), plan: Self.plan)
        guard case .delisted(let episode)? = cleared.changes.first else {
            Issue.record("expected a delisting, got \(cleared.changes)")
            return
        }
        #expect(episode.subject == "192.0.2.1")
        #expect(cleared.run.clearedCount == 1)
        #expect(try store.openListings().isEmpty)
        #expect(try store.episodes(subject: "192.0.2.1").first?.clearedRunId == cleared.run.id)
    }

    @Test func unknownVerdictChangesNoEpisode() throws {
        let store = try HistoryStore()
        _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        let dark = try store.record(Self.result([Self.unknown]), plan: Self.plan)
        #expect(dark.changes.isEmpty)
        #expect(try store.openListings().count == 1)
        #expect(try store.unknownVerdicts().map(\.cause) == ["timeout"])
        _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        #expect(try store.unknownVerdicts().isEmpty)
    }

    @Test func unknownNeverOpensAnEpisode() throws {
        let store = try HistoryStore()
        let run = try store.record(Self.result([Self.unknown]), plan: Self.plan)
        #expect(run.changes.isEmpty)
        #expect(try store.openListings().isEmpty)
    }

    @Test func episodesOutsideThePlanStayOpen() throws {
        let store = try HistoryStore()
        _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        let other = ScanPlan(targets: [Target(.single(Subject("192.0.2.2")!))], zones: [Self.zone], key: nil)
        #expect(try store.record(Self.result([]), plan: other).changes.isEmpty)
        #expect(try store.openListings().count == 1)
    }

    @Test func cleanRunsWriteOnlyTheirSummary() throws {
        let store = try HistoryStore()
        for _ in 0..<5 { _ = try store.record(Self.result([]), plan: Self.plan) }
        let counts = try store.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM scanRun")!,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM listing")!,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM unknownVerdict")!
            )
        }
        #expect(counts == (5, 0, 0))
    }

    @Test func theDatabaseEnforcesOneOpenEpisodePerPair() throws {
        let store = try HistoryStore()
        _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO listing (subject, zoneId, codes, meanings, firstSeenAt, lastSeenAt, openedRunId, lastSeenRunId) SELECT subject, zoneId, codes, meanings, firstSeenAt, lastSeenAt, openedRunId, lastSeenRunId FROM listing"
                )
            }
        }
    }

    @Test func fileDatabaseUsesWALAndSurvivesReopening() throws {
        let directory = try TemporaryDirectoryForStore()
        defer { directory.remove() }
        let path = directory.path + "/h.sqlite"
        do {
            let store = try HistoryStore(path: path)
            _ = try store.record(Self.result([Self.listed()]), plan: Self.plan)
        }
        let reopened = try HistoryStore(path: path, create: false)
        #expect(try reopened.openListings().count == 1)
        let mode = try reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func readersDoNotCreateADatabase() {
        #expect(throws: StoreError(.io, "")) { try HistoryStore(path: "/nonexistent-dir/h.sqlite", create: false) }
    }
}

/// A scratch directory for file-backed store tests.
struct TemporaryDirectoryForStore {
    let path = NSTemporaryDirectory() + "blwatch-store-\(UUID().uuidString.prefix(8))"
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Daily query accounting and the compact health log.
struct ZoneUsageTests {
    @Test func queriesAddUpPerZoneAndDay() throws {
        let store = try HistoryStore()
        var result = HistoryStoreTests.result([])
        result.queriesByZone = ["zen": 7, "other": 0]
        _ = try store.record(result, plan: HistoryStoreTests.plan)
        _ = try store.record(result, plan: HistoryStoreTests.plan)
        #expect(try store.queriesToday() == ["zen": 14])
        #expect(try store.queriesToday(result.startedAt.addingTimeInterval(86_400)) == [:])
    }

    @Test func onlyFailingZonesAreLogged() throws {
        let store = try HistoryStore()
        var result = HistoryStoreTests.result([])
        result.health = [
            ZoneHealth(zoneID: "zen", kind: .ipv4, problem: nil),
            ZoneHealth(zoneID: "zen", kind: .ipv6, problem: .testEntryMissing),
        ]
        let run = try store.record(result, plan: HistoryStoreTests.plan).run
        #expect(
            try store.health(runID: run.id!).map { "\($0.kind) \($0.state) \($0.problem ?? "")" } == [
                "ipv6 unhealthy testEntryMissing"
            ]
        )
    }

    @Test(arguments: [(0.0, "1970-01-01"), (951_782_400.0, "2000-02-29"), (1_795_910_399.0, "2026-11-28")])
    func utcDays(seconds: Double, day: String) {
        #expect(HistoryStore.day(Date(timeIntervalSince1970: seconds)) == day)
    }
}
