import BLWatchTestSupport
import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// Reasons are kept per episode and source: asked once, replaced only on refresh, gone with nothing.
struct ListingReasonStoreTests {
    private func storeWithEpisodes() throws -> (HistoryStore, [ListingRecord]) {
        let store = try HistoryStore()
        let observations = [HistoryStoreTests.listed(), HistoryStoreTests.listed(Subject("192.0.2.2")!)]
        _ = try store.record(HistoryStoreTests.result(observations), plan: HistoryStoreTests.plan)
        return (store, try store.openListings())
    }

    private func reason(_ episode: ListingRecord, _ source: ListingReasonRecord.Source, unavailable: String? = nil)
        -> ListingReasonRecord
    {
        ListingReasonRecord(
            listingId: episode.id!,
            source: source,
            url: "http://127.0.0.1/\(episode.subject)",
            httpStatus: 200,
            fetchedAt: Date(),
            unavailable: unavailable,
            extract: ReasonExtract(
                pageVerdict: .listed,
                reasons: ["sent mail with an empty HELO"],
                heloValues: ["(empty)"]
            )
        )
    }

    @Test func episodesAwaitTheSourcesTheyHaveNoRowFrom() throws {
        let (store, episodes) = try storeWithEpisodes()
        #expect(try store.episodesAwaitingReason(from: .page, zoneIDs: ["zen"]).count == 2)
        #expect(try store.episodesAwaitingReason(from: .page, zoneIDs: ["other"]).isEmpty)
        #expect(try store.episodesAwaitingReason(from: .page, zoneIDs: []).isEmpty)
        try store.saveReasons([reason(episodes[0], .page, unavailable: "rate limited (HTTP 429)")])
        // A failure is an answer too: that episode is not asked again automatically.
        #expect(try store.episodesAwaitingReason(from: .page, zoneIDs: ["zen"]).map(\.id) == [episodes[1].id])
        #expect(try store.episodesAwaitingReason(from: .wqs, zoneIDs: ["zen"]).count == 2)
    }

    @Test func savingAgainReplacesTheRowOfThatSource() throws {
        let (store, episodes) = try storeWithEpisodes()
        try store.saveReasons([reason(episodes[0], .page, unavailable: "timed out"), reason(episodes[0], .wqs)])
        try store.saveReasons([reason(episodes[0], .page)])
        let rows = try #require(try store.reasons(listingIDs: [episodes[0].id!])[episodes[0].id!])
        #expect(rows.map(\.source) == [.page, .wqs])
        #expect(rows[0].unavailable == nil)
        #expect(rows[0].extract?.heloValues == ["(empty)"])
        #expect(try store.reasonsOfOpenListings().keys.sorted() == ["192.0.2.1|zen"])
    }

    @Test func summariesSayWhatIsKnown() throws {
        let (_, episodes) = try storeWithEpisodes()
        #expect(
            reason(episodes[0], .page, unavailable: "forbidden (HTTP 403)").summary
                == "reason unavailable: forbidden (HTTP 403)"
        )
        var wqs = reason(episodes[0], .wqs)
        wqs.extract = nil
        wqs.codes = ""
        #expect(wqs.summary == "Spamhaus WQS: not listed")
        wqs.codes = "127.0.0.4 XBL"
        #expect(wqs.summary == "Spamhaus WQS: 127.0.0.4 XBL")
    }

    @Test func migrationKeepsTheEpisodesOfAnOlderDatabase() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-store")
        defer { directory.remove() }
        let path = try OldDatabase.make(upTo: "v2-zoneUsage", in: directory, subject: "192.0.2.83")
        let store = try HistoryStore(path: path)
        let waiting = try store.episodesAwaitingReason(from: .page, zoneIDs: ["zen"])
        #expect(waiting.map(\.subject) == ["192.0.2.83"])
        try store.saveReasons([reason(waiting[0], .page)])
        #expect(try store.reasons(listingIDs: [waiting[0].id!]).count == 1)
    }
}

/// Audit findings: opened once, touched while they hold, resolved when an audit no longer finds them.
struct AuditFindingStoreTests {
    static func finding(_ kind: String, _ subject: String) -> AuditFinding {
        AuditFinding(kind: kind, severity: .critical, source: .dns, subject: subject, title: kind, fix: "fix")
    }

    @Test func findingsOpenOnceAndResolveWhenGone() throws {
        let store = try HistoryStore()
        let start = Date(timeIntervalSince1970: 1_795_950_000)
        let first = try store.saveAudit(
            [Self.finding("ptrMissing", "192.0.2.1"), Self.finding("ptrMissing", "192.0.2.1")],
            source: .dns,
            subjects: ["192.0.2.1", "192.0.2.2"],
            at: start
        )
        #expect(first.new.count == 1 && first.resolved.isEmpty)
        let again = try store.saveAudit(
            [Self.finding("ptrMissing", "192.0.2.1")],
            source: .dns,
            subjects: ["192.0.2.1"],
            at: start + 60
        )
        #expect(again.new.isEmpty)
        // Unchanged: not rewritten. Changed evidence: touched.
        #expect(try store.openFindings().map(\.lastSeenAt) == [start])
        var changed = Self.finding("ptrMissing", "192.0.2.1")
        changed.evidence = ["PTR → NXDOMAIN (again)"]
        _ = try store.saveAudit([changed], source: .dns, subjects: ["192.0.2.1"], at: start + 90)
        #expect(try store.openFindings().map(\.lastSeenAt) == [start + 90])
        // An audit of another address leaves it open; one of the same address without it resolves it.
        _ = try store.saveAudit([], source: .dns, subjects: ["192.0.2.2"], at: start + 120)
        #expect(try store.openFindings().count == 1)
        let gone = try store.saveAudit([], source: .dns, subjects: ["192.0.2.1"], at: start + 180)
        #expect(gone.resolved.map(\.kind) == ["ptrMissing"])
        #expect(try store.openFindings().isEmpty)
    }
}
