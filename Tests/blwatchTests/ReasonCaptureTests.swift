import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Reason capture end to end: the built binary, a real rbldnsd, a real HTTP server serving lookup
/// pages in the style of the lists' own, and the history on disk.
@Suite(.enabled(if: Tool.required("rbldnsd") && Tool.required("python3")))
struct ReasonCaptureTests {
    @Test func aHELOReasonShowsInStatusHistoryAndReason() async throws {
        let route = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withFixtureHTTPServer([route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns)
                defer { workspace.directory.remove() }
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.80/29"])
                #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")
                #expect(scan.stdout.contains("HELO seen: (empty)"), "\(scan.stdout)")

                let status = try await workspace.run(["status"])
                #expect(status.status == 1)
                for expected in ["HELO seen: (empty)", "detected: 2026-11-29 10:15", "why (127.0.0.1:"] {
                    #expect(status.stdout.contains(expected), "\(expected) missing from\n\(status.stdout)")
                }
                let history = try await workspace.run(["history", "192.0.2.83"])
                #expect(history.stdout.contains("HELO seen: (empty)"), "\(history.stdout)")
                #expect(history.stdout.contains("detected: 2026-11-29 10:15"))

                let listing = try #require(try await workspace.status().listings.first)
                let reason = try #require(listing.reasons.first)
                #expect(reason.source == "page" && reason.httpStatus == 200 && reason.unavailable == nil)
                #expect(reason.url == "\(http.baseURL)/results?query=192.0.2.83")
                #expect(reason.heloValues?.contains("(empty)") == true)
                #expect(reason.detectedAt?.first?.hasPrefix("2026-11-29 10:15") == true)
                #expect(reason.pageVerdict == "listed")
                #expect(listing.delistURL?.hasPrefix("http") == true)

                // Never the same episode twice: a second scan asks nothing; --refresh asks again.
                #expect(try http.requests().count == 1)
                #expect(try await workspace.run(["scan", "--ip", "192.0.2.80/29"]).status == 1)
                #expect(try http.requests().count == 1)
                let refreshed = try await workspace.run(["reason", "192.0.2.83", "--refresh"])
                #expect(refreshed.status == 0, "\(refreshed.stderr)")
                #expect(refreshed.stdout.contains("HELO seen: (empty)"))
                #expect(try http.requests().count == 2)
                let request = try #require(try http.requests().first)
                #expect(request.headers["user-agent"]?.hasPrefix("blwatch/") == true)
            }
        }
    }

    @Test func everyFailureIsStoredAsACauseAndChangesNoVerdict() async throws {
        let big = Array(repeating: UInt8(ascii: "x"), count: 40_000)
        var cases: [ReasonFixtures.Case] = [
            .init(
                id: "limited",
                address: "192.0.2.1",
                route: FixtureRoute("/429", status: 429, text: "Too Many Requests")
            ),
            .init(
                id: "denied",
                address: "192.0.2.2",
                route: FixtureRoute("/403", status: 403, text: "<h1>Forbidden</h1>")
            ),
            .init(id: "big", address: "192.0.2.3", route: FixtureRoute("/big", body: big)),
            .init(id: "slow", address: "192.0.2.4", route: slowRoute()),
            .init(id: "loop", address: "192.0.2.5", route: .redirect("/loop", to: "/loop")),
            .init(
                id: "captcha",
                address: "192.0.2.6",
                route: FixtureRoute("/captcha", body: try ReasonFixtures.page("captcha.html"))
            ),
            .init(
                id: "spa",
                address: "192.0.2.7",
                route: FixtureRoute("/spa", body: try ReasonFixtures.page("javascript-only.html"))
            ),
            .init(
                id: "latin",
                address: "192.0.2.8",
                route: FixtureRoute(
                    "/latin1",
                    headers: ["Content-Type": "text/html; charset=iso-8859-1"],
                    body: try ReasonFixtures.page("latin1-listed.html")
                )
            ),
        ]
        let notListed = FixtureRoute("/nl", body: try ReasonFixtures.page("not-listed.html"))
        cases.append(.init(id: "gone", address: "192.0.2.10", route: notListed))
        let config = "timeout: 1\nreasons:\n  perHostPerRun: 20\n  pageTimeout: 4\n  maxPageBytes: 16384\n"
        try await withFixtureHTTPServer(cases.map(\.route)) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                let started = ContinuousClock.now
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.0/28", "--json"])
                // Not a timing test: a hung page would take the scan past a minute.
                #expect(ContinuousClock.now - started < .seconds(45))
                #expect(scan.status == 1, "\(scan.stderr)")
                let report = try EndToEnd.decodeScan(scan.stdout)
                #expect(report.listed == 9 && report.unknown == 0 && report.clean == 9 * 15)

                let unavailable = Dictionary(
                    uniqueKeysWithValues: try await workspace.status().listings.map {
                        ($0.zoneId, $0.reasons.first?.unavailable ?? "captured")
                    }
                )
                #expect(unavailable["limited"] == "rate limited (HTTP 429)")
                #expect(unavailable["denied"] == "forbidden (HTTP 403)")
                #expect(unavailable["big"] == "page larger than 16384 bytes (reasons.maxPageBytes)")
                #expect(unavailable["slow"] == "no complete answer within 4 s (reasons.pageTimeout)")
                #expect(unavailable["loop"] == "redirect loop (more than 5 redirects)")
                #expect(unavailable["captcha"] == "captcha or bot challenge")
                #expect(unavailable["spa"] == "page needs JavaScript")
                #expect(unavailable["latin"] == "captured")
                // A page that says "not listed" while DNS says listed: stored as such, the verdict stands.
                let gone = try await workspace.status().listings.first { $0.zoneId == "gone" }?.reasons.first
                #expect(gone?.pageVerdict == "notListed" && gone?.unavailable == nil)

                let status = try await workspace.run(["status"])
                #expect(status.stdout.contains("reason unavailable: rate limited (HTTP 429)"))
                let latin = try await workspace.run(["reason", "192.0.2.8", "--json"])
                #expect(latin.stdout.contains("é") || latin.stdout.contains("ü"), "\(latin.stdout)")
            }
        }
    }

    @Test func aHostGetsAFewPagesPerRunAndTheRestWait() async throws {
        let route = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = (1...3).map { ReasonFixtures.Case(id: "z\($0)", address: "192.0.2.\($0)", route: route) }
        try await withFixtureHTTPServer([route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let config = "reasons:\n  perHostPerRun: 2\n"
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                #expect(
                    try await workspace.run(["scan", "--ip", "192.0.2.1/32", "--ip", "192.0.2.2", "--ip", "192.0.2.3"])
                        .status == 1
                )
                #expect(try http.requests().count == 2)
                #expect(try await workspace.status().listings.filter { $0.reasons.isEmpty }.count == 1)
                #expect(
                    try await workspace.run(["scan", "--ip", "192.0.2.1", "--ip", "192.0.2.2", "--ip", "192.0.2.3"])
                        .status == 1
                )
                #expect(try http.requests().count == 3)
                #expect(try await workspace.status().listings.allSatisfy { !$0.reasons.isEmpty })
            }
        }
    }

    @Test func spamhausWQSCodesAreStoredAndTheKeyNeverShows() async throws {
        let key = "wqs-secret-key-0123456789"
        let page = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let wqs = FixtureRoute(
            "/lookup/v1/ZEN/192.0.2.83",
            headers: ["Content-Type": "application/json"],
            text: #"{"resp":[1004,1010],"status":200}"#
        )
        let cases = [ReasonFixtures.Case(id: "zen", address: "192.0.2.83", route: page, wqs: "ZEN")]
        try await withFixtureHTTPServer([page, wqs]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let config = "dqsKey: \(key)\nreasons:\n  wqsURL: \(http.baseURL)/lookup/v1\n"
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.83"])
                #expect(scan.status == 1, "\(scan.stderr)")
                // The config holds the key and is world-readable (0644): the scan says so, naming no key.
                #expect(scan.stdout.contains("holds dqsKey and every user can read it (mode 0644)"), "\(scan.stdout)")
                let asked = try http.requests().first { $0.path.hasPrefix("/lookup/") }
                #expect(asked?.headers["authorization"] == "Bearer \(key)")
                #expect(asked?.headers["accept"] == "application/json")
                let listing = try #require(try await workspace.status().listings.first)
                #expect(listing.reasons.map(\.source) == ["page", "wqs"])
                #expect(listing.reasons.last?.codes == "127.0.0.4 XBL, 127.0.0.10 PBL")
                for output in [
                    scan, try await workspace.run(["status"]), try await workspace.run(["status", "--json"]),
                    try await workspace.run(["reason", "192.0.2.83", "--json"]),
                ] {
                    #expect(!output.stdout.contains(key) && !output.stderr.contains(key))
                }
            }
        }
    }

    @Test func aRejectedDQSKeyIsAWarningAndIsAskedAgainNextRun() async throws {
        let wqs = FixtureRoute("/lookup/v1/ZEN/192.0.2.83", status: 401, text: #"{"status":401}"#)
        let page = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = [ReasonFixtures.Case(id: "zen", address: "192.0.2.83", route: page, wqs: "ZEN")]
        try await withFixtureHTTPServer([page, wqs]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let config = "dqsKey: badkey\nreasons:\n  wqsURL: \(http.baseURL)/lookup/v1\n"
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.83"])
                #expect(scan.status == 1)
                #expect(scan.stdout.contains("Spamhaus WQS rejected the DQS key (HTTP 401)"), "\(scan.stdout)")
                #expect(try await workspace.status().listings.first?.reasons.map(\.source) == ["page"])
                _ = try await workspace.run(["scan", "--ip", "192.0.2.83"])
                #expect(try http.requests().filter { $0.path.hasPrefix("/lookup/") }.count == 2)
            }
        }
    }

    @Test func theStepStopsAtItsBudgetAndLeavesTheRestForTheNextRun() async throws {
        var slow = FixtureRoute("/slow", text: "<p>listed</p>")
        slow.delay = 40
        let cases = (1...2).map { ReasonFixtures.Case(id: "z\($0)", address: "192.0.2.\($0)", route: slow) }
        try await withFixtureHTTPServer([slow]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let config = "reasons:\n  budget: 2\n  pageTimeout: 60\n"
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                let started = ContinuousClock.now
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.0/30", "--json"])
                // Long before the first page could have arrived (40 s): the budget, not the pages, ended
                // it. Not a timing test: the margin absorbs any busy machine.
                #expect(ContinuousClock.now - started < .seconds(30))
                #expect(scan.status == 1)
                #expect(try EndToEnd.decodeScan(scan.stdout).listed == 2)
                // Cut short by the budget is not an answer: nothing stored, both asked next run.
                #expect(try await workspace.status().listings.allSatisfy { $0.reasons.isEmpty })
            }
        }
    }

    private func slowRoute() -> FixtureRoute {
        var route = FixtureRoute("/slow", text: "<p>192.0.2.4 is listed</p>")
        route.delay = 30
        return route
    }
}
