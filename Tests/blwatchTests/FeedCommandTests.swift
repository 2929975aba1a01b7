import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// The feed and the metrics of a real scan, checked by independent tools: Python's `jsonschema`
/// against `feed.schema.json`, and `promtool check metrics`.
@Suite(.enabled(if: Tool.required("rbldnsd") && Tool.required("promtool") && Tool.required("python3")))
struct FeedCommandTests {
    static let schema = ExternalTool.checkout + "/feed.schema.json"

    /// Validates `file` with the Debian python3-jsonschema (format checks on).
    static func validate(_ file: String) async throws -> ExternalTool.Run {
        let program = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            errors = sorted(validator.iter_errors(json.load(open(sys.argv[2]))), key=lambda e: list(e.path))
            for error in errors: print("/".join(map(str, error.path)), error.message)
            sys.exit(1 if errors else 0)
            """
        return try await ExternalTool.run("/usr/bin/python3", ["-c", program, schema, file])
    }

    @Test func aScanWritesAValidFeedAndValidMetrics() async throws {
        let route = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = [
            ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route),
            ReasonFixtures.Case(
                id: "other",
                address: "192.0.2.84",
                route: FixtureRoute("/none", status: 429, text: "slow down")
            ),
        ]
        try await withFixtureHTTPServer([route, cases[1].route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns)
                defer { workspace.directory.remove() }
                let feed = workspace.directory.file("www/feed.json")
                let metrics = workspace.directory.file("metrics/blwatch.prom")
                try FileManager.default.createDirectory(
                    atPath: workspace.directory.file("www"),
                    withIntermediateDirectories: true
                )
                try FileManager.default.createDirectory(
                    atPath: workspace.directory.file("metrics"),
                    withIntermediateDirectories: true
                )
                let scan = try await workspace.run([
                    "scan", "--ip", "192.0.2.80/29", "--feed", feed, "--metrics", metrics,
                ])
                #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")

                let validation = try await Self.validate(feed)
                #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
                let document = try JSONDecoder.feed.decode(
                    FeedDocument.self,
                    from: Data(contentsOf: URL(fileURLWithPath: feed))
                )
                #expect(document.summary.openListings == 2 && document.summary.monitoredTargets == 8)
                let listing = try #require(document.targets.first { $0.target == "192.0.2.83" }?.listings.first)
                #expect(listing.reason?.heloValues.contains("(empty)") == true)
                #expect(
                    document.targets.first { $0.target == "192.0.2.84" }?.listings.first?.reason?.unavailable
                        == "rate limited (HTTP 429)"
                )
                #expect(document.zones.map(\.state) == ["healthy", "healthy"])
                // Written by rename: nothing half-written is left beside it.
                #expect(
                    try FileManager.default.contentsOfDirectory(atPath: workspace.directory.file("www")) == [
                        "feed.json"
                    ]
                )

                let check = try await ExternalTool.run("promtool", ["check", "metrics"], stdinFile: metrics)
                #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
                let text = try String(contentsOfFile: metrics, encoding: .utf8)
                #expect(text.contains("blwatch_listed{target=\"192.0.2.83\",zone=\"xbl\",list=\"XBL\"} 1"))
                #expect(text.contains("blwatch_alert_outbox_depth 0"))

                // On demand from the history: the same document but for its time.
                let rendered = try await workspace.run(["feed"])
                #expect(rendered.status == 0)
                var again = try JSONDecoder.feed.decode(FeedDocument.self, from: Data(rendered.stdout.utf8))
                again.generatedAt = document.generatedAt
                #expect(again.targets == document.targets && again.episodes == document.episodes)
                let out = workspace.directory.file("www/feed2.json")
                #expect(try await workspace.run(["feed", "--out", out]).status == 0)
                #expect(try await Self.validate(out).status == 0)
            }
        }
    }

    @Test(.enabled(if: Tool.required("chromium")))
    func theDashboardShowsARealScansFeed() async throws {
        let route = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = [
            ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route),
            ReasonFixtures.Case(id: "pbl", address: "192.0.2.83", route: route),
            ReasonFixtures.Case(id: "other", address: "192.0.2.85", route: route),
        ]
        try await withFixtureHTTPServer([route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns)
                defer { workspace.directory.remove() }
                let feed = workspace.directory.file("feed.json")
                #expect(try await workspace.run(["scan", "--ip", "192.0.2.80/29", "--feed", feed]).status == 1)
                let text = try String(contentsOfFile: feed, encoding: .utf8)
                let dom = try await DashboardPage.dom(feed: text)
                #expect(dom.isReady && dom.elements("error").isEmpty)
                let listings = dom.elements("listing").map {
                    "\($0.attributes["data-target"] ?? "")/\($0.attributes["data-zone"] ?? "")"
                }
                #expect(Set(listings) == ["192.0.2.83/xbl", "192.0.2.83/pbl", "192.0.2.85/other"])
                #expect(dom.element("listing-count")?.text == "3")
                #expect(dom.elements("episode").count == 3)
                #expect(dom.elements("zone-row").allSatisfy { $0.attributes["data-state"] == "healthy" })
                #expect(dom.element("listing", ["data-zone": "xbl"])?.inner.contains("(empty)") == true)
                try await DashboardPage.screenshot(
                    feed: text,
                    name: "dashboard-real-scan.png",
                    width: 1280,
                    height: 900
                )
            }
        }
    }

    @Test func theGoldenFeedIsValidToo() async throws {
        let golden = ExternalTool.checkout + "/Tests/BLWatchCoreTests/Fixtures/snapshots/feed.json"
        let validation = try await Self.validate(golden)
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
    }

    @Test func anUnwritableFeedStopsTheScanBeforeAnyQuery() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await workspace.run(
                ["scan", "--ip", "192.0.2.1", "--list", "xbl", "--feed", "/nonexistent-dir/feed.json"],
                server: server
            )
            #expect(run.status == 74, "\(run.stderr)")
            #expect(run.stderr.contains("/nonexistent-dir/feed.json"))
            let history = try await workspace.run(["history", "--runs"], server: server)
            #expect(history.stdout.contains("no scan recorded yet"))
        }
    }
}

extension JSONDecoder {
    /// A decoder for blwatch's documents (RFC 3339 dates).
    static var feed: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
