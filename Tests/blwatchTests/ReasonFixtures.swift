import BLWatchCore
import BLWatchTestSupport
import Foundation

/// Zones, a catalog and lookup pages for the reason tests: each zone lists its own address, and its
/// lookupURL points at one route of a fixture HTTP server.
enum ReasonFixtures {
    /// One zone of the test catalog: where its lookup URL leads.
    struct Case {
        var id: String
        var address: String
        var route: FixtureRoute
        var wqs: String? = nil
    }

    /// A saved page from BLWatchCoreTests' fixtures.
    static func page(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BLWatchCoreTests/Fixtures/pages/\(name)")
        return Array(try Data(contentsOf: url))
    }

    /// rbldnsd zones: `<id>.test` lists `address` with 127.0.0.4 and a TXT.
    static func zones(_ cases: [Case]) -> [RbldnsdZone] {
        zones(cases.map { (id: $0.id, address: $0.address) })
    }

    /// The same, from (zone id, listed address) pairs.
    static func zones(_ cases: [(id: String, address: String)]) -> [RbldnsdZone] {
        cases.map { item in
            RbldnsdZone(
                "\(item.id).test",
                "ip4set",
                [
                    ":127.0.0.2:test", "127.0.0.2",
                    "\(item.address) :127.0.0.4:Listed, see https://\(item.id).test/?ip=$",
                ]
            )
        }
    }

    /// A catalog with one zone per case, its lookup URL on `server`.
    static func catalog(_ cases: [Case], server: FixtureHTTPServer) -> String {
        let zones = cases.map { item in
            let wqs = item.wqs.map { #""wqs": "\#($0)", "# } ?? ""
            return """
                {"id": "\(item.id)", "name": "List \(item.id)", "zone": "\(item.id).test", "kinds": ["ipv4"], "txt": true,
                 "lookupURL": "\(server.baseURL)\(item.route.path)?query={target}", \(wqs)
                 "delistURL": "https://\(item.id).test/remove?ip={target}",
                 "codes": {"127.0.0.4": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high",
                   "meaning": "exploited host or bad HELO"}, "127.0.0.10": {"kind": "listing", "list": "PBL",
                   "category": "policy", "severity": "medium", "meaning": "end-user range"}},
                 "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
                """
        }
        return #"{"version": 1, "zones": ["# + zones.joined(separator: ",\n") + "]}"
    }

    /// A workspace with the catalog, a config and a database, and the command runner.
    struct Workspace {
        let directory: TemporaryDirectory
        let dns: RbldnsdServer
        var database: String { directory.file("state/blwatch.sqlite") }

        init(_ cases: [Case], http: FixtureHTTPServer, dns: RbldnsdServer, config: String = "") throws {
            directory = try TemporaryDirectory(prefix: "blwatch-reasons")
            self.dns = dns
            try directory.write("lists.json", ReasonFixtures.catalog(cases, server: http))
            try directory.write("blwatch.yaml", config.isEmpty ? "timeout: 1\n" : config)
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
            try await CommandRun.blwatch(
                arguments + [
                    "--config", directory.file("blwatch.yaml"), "--lists", directory.file("lists.json"),
                    "--db", database, "--server", dns.address.description, "--timeout", "1",
                ],
                environment: environment
            )
        }

        /// Replaces blwatch.yaml.
        func configure(_ text: String) throws { try directory.write("blwatch.yaml", text) }

        func status() async throws -> StatusView.Document {
            try EndToEnd.decodeStatus(try await run(["status", "--json"]).stdout)
        }
    }
}
