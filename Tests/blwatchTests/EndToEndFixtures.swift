import BLWatchCore
import BLWatchTestSupport
import Foundation

/// The zones, catalog and helpers the end-to-end tests share.
enum EndToEnd {
    static let listedLine = "192.0.2.1 :127.0.0.4:XBL listed, see https://lookup.test/?ip=$"

    static func zones(listing: Bool = true) -> [RbldnsdZone] {
        [
            RbldnsdZone("xbl.test", "ip4set", [":127.0.0.2:test", "127.0.0.2"] + (listing ? [listedLine] : [])),
            RbldnsdZone(
                "xbl.test",
                "ip6trie",
                [":127.0.0.2:test", "::ffff:7f00:2/128", "2001:db8::25/128 :127.0.0.10:PBL $"]
            ),
            RbldnsdZone("dead.test", "ip4set", [":127.0.0.2:everything", "0.0.0.0/1", "128.0.0.0/1"]),
        ]
    }

    static let catalog = """
        {
          "version": 1,
          "zones": [
            {"id": "xbl", "name": "Test XBL", "zone": "xbl.test", "kinds": ["ipv4", "ipv6"], "txt": true,
             "lookupURL": "http://127.0.0.1:9/lookup?ip={target}",
             "codes": {
               "127.0.0.4": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high", "meaning": "exploited host or bad HELO", "action": "fix the HELO, then self-delist"},
               "127.0.0.10": {"kind": "listing", "list": "PBL", "category": "policy", "severity": "medium", "meaning": "end-user range"}
             },
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},
            {"id": "dead", "name": "Dead list", "zone": "dead.test", "kinds": ["ipv4"],
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
          ]
        }
        """

    /// A temp dir holding lists.json, with paths for the database and config.
    struct Workspace {
        let directory: TemporaryDirectory
        var lists: String { directory.file("lists.json") }
        var database: String { directory.file("state/blwatch.sqlite") }

        init() throws {
            directory = try TemporaryDirectory(prefix: "blwatch-e2e")
            try directory.write("lists.json", EndToEnd.catalog)
        }

        /// `blwatch <command> --lists … --db … --server …` plus `arguments`.
        func run(_ command: [String], server: RbldnsdServer, _ arguments: [String] = []) async throws -> CommandRun {
            try await CommandRun.blwatch(
                command + [
                    "--lists", lists, "--db", database, "--server", server.address.description, "--timeout", "1",
                ] + arguments
            )
        }
    }

    static func decodeScan(_ text: String) throws -> ReportDocuments.Scan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ReportDocuments.Scan.self, from: Data(text.utf8))
    }

    static func decodeStatus(_ text: String) throws -> StatusView.Document {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(StatusView.Document.self, from: Data(text.utf8))
    }
}
