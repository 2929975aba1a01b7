import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Lookup pages that fight back, end to end: a body that never ends, one that drips a byte every
/// half second, binary bytes served as HTML, and a redirect to `file:///etc/passwd`. Each listing
/// keeps its verdict and stores `reason unavailable: <cause>` (or what little the page said); the
/// scan ends on blwatch's own limits.
@Suite(.enabled(if: Tool.required("rbldnsd") && Tool.required("python3")))
struct HostileLookupPageTests {
    /// One zone per hostile page; each lists its own address.
    static let cases: [(id: String, address: String)] = [
        ("endless", "192.0.2.1"), ("drip", "192.0.2.2"), ("binary", "192.0.2.3"), ("tofile", "192.0.2.4"),
    ]

    static func zones() -> [RbldnsdZone] { ReasonFixtures.zones(cases) }

    static func catalog(_ urls: [String: String]) -> String {
        let zones = cases.map { item in
            """
            {"id": "\(item.id)", "name": "List \(item.id)", "zone": "\(item.id).test", "kinds": ["ipv4"], "txt": true,
             "lookupURL": "\(urls[item.id] ?? "")?query={target}",
             "codes": {"127.0.0.4": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high",
               "meaning": "exploited host"}},
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
            """
        }
        return #"{"version": 1, "zones": ["# + zones.joined(separator: ",\n") + "]}"
    }

    @Test func hostilePagesStoreACauseAndChangeNoVerdict() async throws {
        var generator = SystemRandomNumberGenerator()
        let binary = FixtureRoute(
            "/binary",
            headers: ["Content-Type": "text/html"],
            body: (0..<12_000).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0, 0, 0]
        )
        let toFile = FixtureRoute.redirect("/tofile", to: "file:///etc/passwd")
        try await withEndlessHTTPServer { endless in
            try await withFixtureHTTPServer([binary, toFile]) { http in
                try await withRbldnsd(Self.zones()) { dns in
                    let directory = try TemporaryDirectory(prefix: "blwatch-hostile-pages")
                    defer { directory.remove() }
                    let urls = [
                        "endless": "\(endless.baseURL)/endless", "drip": "\(endless.baseURL)/drip",
                        "binary": "\(http.baseURL)/binary", "tofile": "\(http.baseURL)/tofile",
                    ]
                    let lists = try directory.write("lists.json", Self.catalog(urls))
                    let config = try directory.write(
                        "blwatch.yaml",
                        "reasons:\n  perHostPerRun: 20\n  pageTimeout: 4\n  maxPageBytes: 16384\n"
                    )
                    let database = directory.file("state/blwatch.sqlite")
                    func run(_ arguments: [String]) async throws -> CommandRun {
                        try await CommandRun.blwatch(
                            arguments + [
                                "--config", config, "--lists", lists, "--db", database, "--server",
                                dns.address.description, "--timeout", "1",
                            ]
                        )
                    }

                    let started = ContinuousClock.now
                    let scan = try await run(["scan", "--ip", "192.0.2.0/29", "--json"])
                    // Not a timing test: a fetcher waiting for the endless or dripping body to end
                    // would hold the scan for its whole minute.
                    #expect(ContinuousClock.now - started < .seconds(50))
                    #expect(scan.status == 1, "\(scan.stderr)")
                    let report = try EndToEnd.decodeScan(scan.stdout)
                    #expect(report.listed == 4 && report.unknown == 0 && report.clean == 4 * 7)
                    #expect(Set(try endless.requests().map { $0.split(separator: "?")[0] }) == ["/endless", "/drip"])

                    let status = try await run(["status", "--json"])
                    let listings = try EndToEnd.decodeStatus(status.stdout).listings
                    #expect(listings.count == 4)
                    let reasons = Dictionary(uniqueKeysWithValues: listings.map { ($0.zoneId, $0.reasons.first) })
                    #expect(reasons["endless"]??.unavailable == "page larger than 16384 bytes (reasons.maxPageBytes)")
                    #expect(reasons["drip"]??.unavailable == "no complete answer within 4 s (reasons.pageTimeout)")
                    // libcurl refuses to follow the redirect: only http and https are enabled.
                    let refused = try #require(reasons["tofile"]??.unavailable)
                    #expect(refused.lowercased().contains("file"), "\(refused)")
                    // Binary bytes parse as a page with nothing to say, and no NUL reaches the history.
                    let garbage = try #require(reasons["binary"] ?? nil)
                    #expect(garbage.httpStatus == 200)
                    #expect(garbage.pageVerdict != "listed" && garbage.heloValues?.isEmpty != false)
                    for listing in listings {
                        #expect(listing.reasons.count == 1, "\(listing.zoneId)")
                    }

                    let text = try await run(["status"])
                    #expect(text.stdout.contains("reason unavailable: page larger than 16384 bytes"), "\(text.stdout)")
                    // The history never holds the file the redirect pointed at.
                    let stored = try Data(contentsOf: URL(fileURLWithPath: database))
                    #expect(stored.range(of: Data("root:x:0:0".utf8)) == nil)
                    #expect(!status.stdout.contains("root:x:0:0") && !text.stdout.contains("root:x:0:0"))

                    // `reason --refresh` asks the endless page again: the same cause, exit 0.
                    let refreshed = try await run(["reason", "192.0.2.1", "--refresh"])
                    #expect(refreshed.status == 0, "\(refreshed.stderr)")
                    #expect(refreshed.stdout.contains("page larger than 16384 bytes"), "\(refreshed.stdout)")
                    #expect(try endless.requests().filter { $0.hasPrefix("/endless") }.count == 2)
                    #expect(try await run(["scan", "--ip", "192.0.2.0/29"]).status == 1)
                }
            }
        }
    }
}
