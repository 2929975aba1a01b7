import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// The plugin line: state, one-line summary, perfdata, and staleness of the history.
struct NagiosViewTests {
    @Test func theLineIsOneLineWithoutAPipeInTheText() {
        let view = NagiosView(error: "config.yaml:3: targets[0]: \"a|b\" is bad\nhint: fix it")
        #expect(view.state == .unknown && view.state.rawValue == 3)
        #expect(view.line == "BLWATCH UNKNOWN - config.yaml:3: targets[0]: \"a/b\" is bad; hint: fix it")
    }

    @Test func perfdataFollowsThePipe() {
        let view = NagiosView(state: .ok, summary: "fine", perfdata: NagiosView.counts(listed: 0, clean: 4, unknown: 0))
        #expect(view.line == "BLWATCH OK - fine | listed=0;;0;0 clean=4;;;0 unknown=0;0;;0")
    }

    @Test(arguments: [(45, "45 s"), (600, "10 min"), (3_600, "60 min"), (18_000, "5 h"), (259_200, "3 d")])
    func durations(seconds: Int, text: String) {
        #expect(NagiosView.duration(seconds) == text)
    }

    @Test func aScanOlderThanTwoIntervalsIsAWarning() throws {
        let store = try HistoryStore()
        let startedAt = Date(timeIntervalSince1970: 1_795_000_000)
        let plan = ScanPlan(
            targets: [try Target(parsing: "192.0.2.0/30")],
            zones: [Zone(id: "xbl", name: "XBL", zoneTemplate: "xbl.test", kinds: [.ipv4])],
            key: nil
        )
        let result = ScanResult(
            startedAt: startedAt,
            finishedAt: startedAt + 1,
            servers: ["127.0.0.1:53"],
            health: [],
            observations: [],
            cleanCount: 4
        )
        _ = try store.record(result, plan: plan)
        let status = try StatusView(store: store)

        let fresh = NagiosView(status: status, scansPerDay: 24, now: startedAt + 600)
        #expect(fresh.state == .ok)
        #expect(
            fresh.line.hasPrefix(
                "BLWATCH OK - no open listings; last scan #1 10 min ago: 4 clean of 4 subject(s) × 1 zone(s) | "
            )
        )
        #expect(fresh.line.hasSuffix("listed=0;;0;0 clean=4;;;0 unknown=0;0;;0 age=600s;8100;;0"))

        let stale = NagiosView(status: status, scansPerDay: 24, now: startedAt + 3 * 3_600)
        #expect(stale.state == .warning)
        #expect(stale.summary == "nothing listed; last scan 3 h ago, expected every 60 min: is the timer running?")
        // Daily scans may be a day and a half apart without a warning.
        #expect(NagiosView(status: status, scansPerDay: 1, now: startedAt + 36 * 3_600).state == .ok)
    }

    @Test func anEmptyHistoryIsUnknown() throws {
        let view = NagiosView(status: try StatusView(store: try HistoryStore()), scansPerDay: 24)
        #expect(view.line == "BLWATCH UNKNOWN - no scan recorded yet")
    }
}
