import BLWatchTestSupport
import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// Events only on state changes, stored with their run in the outbox; unknown verdicts are silent.
struct AlertEventDetectorTests {
    typealias Fixture = HistoryStoreTests

    private func run(
        _ store: HistoryStore,
        _ observations: [Observation],
        health: [ZoneHealth] = [ZoneHealth(zoneID: "zen", kind: .ipv4, problem: nil)],
        confirm: Int = 1
    ) throws -> [AlertEvent] {
        var result = Fixture.result(observations)
        result.health = health
        return try store.record(result, plan: Fixture.plan, confirm: confirm, channels: [.email, .webhook]).events
    }

    private var clean: Observation { Observation(subject: Fixture.subject, zoneID: "zen", verdict: .clean) }

    @Test func aListingAlertsOnceAndItsDelistingOnce() throws {
        let store = try HistoryStore()
        let listed = try run(store, [Fixture.listed()])
        #expect(listed.map(\.kind) == [.listed])
        #expect(listed.first?.title == "192.0.2.1 listed on ZEN (XBL)")
        #expect(listed.first?.codes.map(\.code) == ["127.0.0.4"])
        #expect(try run(store, [Fixture.listed()]).isEmpty)
        #expect(try run(store, [Fixture.unknown]).isEmpty)
        let delisted = try run(store, [clean])
        #expect(delisted.map(\.kind) == [.delisted])
        #expect(delisted.first?.clearedAt != nil)
        // One outbox row per channel for each run with events.
        #expect(try store.pendingAlertCount() == 4)
    }

    @Test func confirmNeedsConsecutiveSightingsAndAFlapStaysSilent() throws {
        let store = try HistoryStore()
        #expect(try run(store, [Fixture.listed()], confirm: 3).isEmpty)
        #expect(try run(store, [Fixture.unknown], confirm: 3).isEmpty)
        #expect(try run(store, [Fixture.listed()], confirm: 3).isEmpty)
        #expect(try run(store, [Fixture.listed()], confirm: 3).map(\.kind) == [.listed])
        let flapping = try HistoryStore()
        #expect(try run(flapping, [Fixture.listed()], confirm: 2).isEmpty)
        // Gone before it was confirmed: no listing was ever announced, so no delisting either.
        #expect(try run(flapping, [clean], confirm: 2).isEmpty)
        #expect(try flapping.pendingAlertCount() == 0)
    }

    @Test func zoneHealthAlertsWhenItTurnsAndWhenItRecovers() throws {
        let store = try HistoryStore()
        let sick = [ZoneHealth(zoneID: "zen", kind: .ipv4, problem: .testEntryMissing)]
        #expect(try run(store, [clean]).isEmpty)
        #expect(try run(store, [Fixture.unknown], health: sick).map(\.kind) == [.zoneUnhealthy])
        #expect(try run(store, [Fixture.unknown], health: sick).isEmpty)
        let healed = try run(store, [clean])
        #expect(healed.map(\.kind) == [.zoneHealthy])
        #expect(healed.first?.detail == HealthProblem.testEntryMissing.description)
    }

    @Test func aDeadResolverIsOneEventNotOnePerZone() throws {
        let store = try HistoryStore()
        let dark = [
            ZoneHealth(zoneID: "zen", kind: .ipv4, problem: .unreachable("timeout")),
            ZoneHealth(zoneID: "zen", kind: .ipv6, problem: .unreachable("timeout")),
        ]
        #expect(try run(store, [clean]).isEmpty)
        let unfit = try run(store, [Fixture.unknown], health: dark)
        #expect(unfit.map(\.kind) == [.resolverUnfit])
        #expect(try run(store, [Fixture.unknown], health: dark).isEmpty)
        #expect(try run(store, [clean]).map(\.kind) == [.resolverFit])
    }

    @Test func episodesFromBeforeAlertsCountAsAnnounced() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-v4")
        defer { directory.remove() }
        let path = try OldDatabase.make(upTo: "v3-listingReason", in: directory)
        let store = try HistoryStore(path: path)
        // Still listed: nothing new. Then clean: its delisting is announced.
        #expect(try run(store, [Fixture.listed()]).isEmpty)
        #expect(try run(store, [clean]).map(\.kind) == [.delisted])
    }
}

/// Audit findings stored with a scan raise events when they appear and when they go.
struct AuditAlertTests {
    @Test func newAndResolvedFindingsOfWarningOrWorseAreEvents() throws {
        let store = try HistoryStore()
        let ptr = AuditFinding(
            kind: "ptrMissing",
            severity: .critical,
            source: .dns,
            subject: "192.0.2.1",
            title: "192.0.2.1 has no PTR",
            evidence: ["PTR 1.2.0.192.in-addr.arpa → NXDOMAIN"],
            fix: "ask your provider for a PTR"
        )
        var info = ptr
        info.kind = "ptrLookupFailed"
        info.severity = .info
        func scan(_ findings: [AuditFinding]) throws -> [AlertEvent] {
            let batch = AuditBatch(findings: findings, source: .dns, subjects: ["192.0.2.1"])
            return try store.record(HistoryStoreTests.result([]), plan: HistoryStoreTests.plan, audit: [batch]).events
        }
        let first = try scan([ptr, info])
        #expect(first.map(\.kind) == [.findingNew])
        #expect(first.first?.detail?.contains("fix: ask your provider for a PTR") == true)
        #expect(try scan([ptr, info]).isEmpty)
        #expect(try scan([]).map(\.kind) == [.findingResolved])
    }
}
