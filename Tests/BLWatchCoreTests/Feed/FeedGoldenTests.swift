import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// The feed of a fixed history at a fixed clock, against a golden file (re-record with
/// `BLWATCH_RECORD=1 swift test --filter FeedGoldenTests`), and the metrics of the same history.
struct FeedGoldenTests {
    typealias Fixture = HistoryStoreTests
    static let start = Date(timeIntervalSince1970: 1_795_950_000)  // 2026-11-29 11:00:00 UTC

    /// Three scans an hour apart: 192.0.2.1 listed (with a page reason), 192.0.2.2 listed then
    /// cleared, and in the last scan 192.0.2.1's IPv6 twin unknown.
    static func history() throws -> HistoryStore {
        let store = try HistoryStore()
        let second = Subject("192.0.2.2")!
        let plan = ScanPlan(
            targets: [Target(.single(Fixture.subject)), Target(.single(second))],
            zones: [Fixture.zone],
            key: nil
        )
        func scan(_ observations: [Observation], hour: Double, health: [ZoneHealth]) throws {
            var result = Fixture.result(observations, at: start.addingTimeInterval(hour * 3600))
            result.finishedAt = result.startedAt.addingTimeInterval(0.25)
            result.health = health
            _ = try store.record(result, plan: plan)
        }
        let healthy = [ZoneHealth(zoneID: "zen", kind: .ipv4, problem: nil)]
        try scan([Fixture.listed(), Fixture.listed(second)], hour: 0, health: healthy)
        try scan(
            [Fixture.listed(), Observation(subject: second, zoneID: "zen", verdict: .clean)],
            hour: 1,
            health: healthy
        )
        let sick = [ZoneHealth(zoneID: "zen", kind: .ipv6, problem: .unreachable("timeout after 4 tries"))]
        let twin = Subject("2001:db8::1")!
        try scan(
            [
                Fixture.listed(),
                Observation(
                    subject: twin,
                    zoneID: "zen",
                    verdict: .unknown(.zoneUnhealthy(.unreachable("timeout after 4 tries")))
                ),
            ],
            hour: 2,
            health: healthy + sick
        )
        let episode = try #require(try store.openListings().first)
        try store.saveReasons([
            ListingReasonRecord(
                listingId: episode.id!,
                source: .page,
                url: "https://check.example/results?query=192.0.2.1",
                httpStatus: 200,
                fetchedAt: start.addingTimeInterval(60),
                extract: ReasonExtract(
                    pageVerdict: .listed,
                    reasons: ["This IP sent mail with an empty HELO."],
                    detectedAt: ["2026-11-29 10:15:00 UTC"],
                    heloValues: ["(empty)"],
                    delistURL: "https://check.example/delist?ip=192.0.2.1"
                ),
                pageText: "…"
            )
        ])
        return store
    }

    static func document() throws -> FeedDocument {
        try FeedBuilder(store: try history(), zones: [Fixture.zone], historyDays: 30)
            .build(now: start.addingTimeInterval(3 * 3600))
    }

    @Test func feedMatchesTheGoldenFile() throws {
        let json = try Self.document().json
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/snapshots/feed.json")
        if ProcessInfo.processInfo.environment["BLWATCH_RECORD"] == "1" {
            try json.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(json == expected, "re-record with BLWATCH_RECORD=1 if the change is intended")
    }

    @Test func feedSaysWhatTheHistorySays() throws {
        let feed = try Self.document()
        #expect(feed.summary.openListings == 1 && feed.summary.unknownVerdicts == 1)
        #expect(feed.targets.map(\.target) == ["192.0.2.1", "2001:db8::1"])
        let listing = try #require(feed.targets.first?.listings.first)
        #expect(listing.codes == [.init(code: "127.0.0.4", meaning: "XBL", list: "XBL")])
        #expect(listing.reason?.heloValues == ["(empty)"])
        #expect(listing.delistURL == "https://check.example/delist?ip=192.0.2.1")
        #expect(feed.episodes.map(\.open) == [true, false])
        #expect(feed.events.map(\.kind) == ["delisted", "listed", "listed"])
        #expect(feed.zones.map(\.state) == ["unhealthy"])
        #expect(feed.resolver.fit)
    }

    @Test func metricsNameEveryListingAndTheOutbox() throws {
        let text = MetricsText.render(try Self.document())
        #expect(text.contains("blwatch_listed{target=\"192.0.2.1\",zone=\"zen\",list=\"XBL\"} 1\n"))
        #expect(text.contains("blwatch_unknown_verdicts{zone=\"zen\"} 1\n"))
        #expect(text.contains("blwatch_zone_healthy{zone=\"zen\",kind=\"ipv6\"} 0\n"))
        #expect(text.contains("blwatch_last_scan_duration_seconds 0.25\n"))
        #expect(text.contains("# TYPE blwatch_alert_outbox_depth gauge\nblwatch_alert_outbox_depth 0\n"))
        #expect(MetricsText.escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }
}
