import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch scan` as cron runs it: the built binary, a real rbldnsd, a database on disk.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct ScanCommandTests {
    @Test func episodesOpenOnceAndCloseWhenTheEntryGoes() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let scan = [
                "scan", "--ip", "192.0.2.1", "--ip", "192.0.2.0/30", "--ip", "2001:DB8::25", "--list", "xbl", "--json",
            ]
            let first = try await workspace.run(scan, server: server)
            #expect(first.status == 1, "\(first.stderr)")
            let report = try EndToEnd.decodeScan(first.stdout)
            #expect(report.subjects == 5)
            #expect(report.listed == 2)
            #expect(report.clean == 3)
            #expect(
                report.changes?.map { "\($0.change) \($0.subject) \($0.zone)" } == [
                    "listed 192.0.2.1 xbl", "listed 2001:db8::25 xbl",
                ]
            )
            let listing = report.verdicts.first { $0.subject == "192.0.2.1" }
            #expect(listing?.codes?.map(\.code) == ["127.0.0.4"])
            #expect(listing?.txt == "XBL listed, see https://lookup.test/?ip=192.0.2.1")
            #expect(listing?.lookupURL == "http://127.0.0.1:9/lookup?ip=192.0.2.1")

            let second = try await workspace.run(scan, server: server)
            #expect(second.status == 1)
            #expect(try EndToEnd.decodeScan(second.stdout).changes == [])
            let status = try await workspace.run(["status", "--json"], server: server)
            #expect(status.status == 1)
            #expect(try EndToEnd.decodeStatus(status.stdout).listings.map(\.subject) == ["192.0.2.1", "2001:db8::25"])

            try await server.update(EndToEnd.zones(listing: false))
            let third = try await workspace.run(scan, server: server)
            #expect(third.status == 1)
            #expect(
                try EndToEnd.decodeScan(third.stdout).changes?.map { "\($0.change) \($0.subject)" } == [
                    "delisted 192.0.2.1"
                ]
            )
            let history = try await workspace.run(["history", "192.0.2.1"], server: server)
            #expect(history.status == 0)
            #expect(history.stdout.contains("192.0.2.1"))
            #expect(!history.stdout.contains("open"))
        }
    }

    @Test func quietScanSpeaksOnlyOfChanges() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let scan = ["scan", "--quiet", "--ip", "192.0.2.1", "--list", "xbl"]
            let first = try await workspace.run(scan, server: server)
            #expect(first.status == 1)
            #expect(first.stdout.contains("+ NEW LISTING 192.0.2.1 on xbl"))
            let second = try await workspace.run(scan, server: server)
            #expect(second.status == 1)
            #expect(second.stdout.isEmpty)
        }
    }

    @Test func aListsDailyBudgetIsRespected() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try workspace.directory.write(
            "lists.json",
            EndToEnd.catalog.replacingOccurrences(
                of: #""access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},"#,
                with:
                    #""access": {"type": "free"}, "limits": {"queriesPerDay": 5}, "status": {"state": "active"}, "tags": ["default"]},"#
            )
        )
        try await withRbldnsd(EndToEnd.zones()) { server in
            let scan = ["scan", "--ip", "192.0.2.0/30", "--list", "xbl", "--json"]
            // 5 a day: 2 health probes and 3 of the 4 addresses; the 4th is unknown, never clean.
            let first = try EndToEnd.decodeScan(try await workspace.run(scan, server: server).stdout)
            #expect(first.listed == 1 && first.clean == 2 && first.unknown == 1)
            #expect(first.verdicts.filter { $0.cause == "budgetExhausted" }.map(\.subject) == ["192.0.2.3"])
            #expect(first.warnings.contains { $0.contains("only 5 of its daily 5 are left") })
            // The budget is spent: nothing is queried, nothing changes.
            let second = try await workspace.run(scan, server: server)
            #expect(second.status == 2)
            let report = try EndToEnd.decodeScan(second.stdout)
            #expect(report.queries == 0 && report.unknown == 4 && report.changes == [])
            let status = try EndToEnd.decodeStatus(
                try await workspace.run(["status", "--json"], server: server).stdout
            )
            #expect(status.listings.map(\.subject) == ["192.0.2.1"])
        }
    }

    @Test func aDeadResolverChangesNoEpisode() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let scan = ["scan", "--ip", "192.0.2.1", "--list", "xbl"]
            #expect(try await workspace.run(scan, server: server).status == 1)
            server.pause()
            let dark = try await workspace.run(scan + ["--json"], server: server)
            server.resume()
            #expect(dark.status == 2, "\(dark.stdout)\(dark.stderr)")
            let report = try EndToEnd.decodeScan(dark.stdout)
            #expect(report.listed == 0 && report.clean == 0 && report.unknown == 1)
            #expect(report.changes == [])
            #expect(report.health.map(\.problem) == ["unreachable"])
            let status = try EndToEnd.decodeStatus(
                try await workspace.run(["status", "--json"], server: server).stdout
            )
            #expect(status.listings.map(\.subject) == ["192.0.2.1"])
            #expect(status.unknown.map(\.cause) == ["zoneUnhealthy"])
        }
    }

    @Test func aWildcardZoneIsUnknownNeverListed() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await workspace.run(["scan", "--ip", "198.51.100.7", "--list", "dead"], server: server)
            #expect(run.status == 2)
            #expect(run.stdout.contains("dead  ipv4  unhealthy  the never-listed test entry is listed"))
            #expect(run.stdout.contains("result: 0 listed, 0 clean, 1 unknown (exit 2"))
        }
    }

    @Test func badInputStopsBeforeTheDatabaseIsTouched() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            #expect(try await workspace.run(["scan", "--ip", "192.0.2.1"], server: server).status == 1)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))

            try workspace.directory.write(
                "lists.json",
                EndToEnd.catalog.replacingOccurrences(of: "\"127.0.0.10\"", with: "\"10.0.0.10\"")
            )
            let badCatalog = try await workspace.run(["scan", "--ip", "192.0.2.1"], server: server)
            #expect(badCatalog.status == 65)
            #expect(
                badCatalog.stderr.hasPrefix(
                    "blwatch: \(workspace.lists):8: zones[0].codes[\"10.0.0.10\"]: outside 127.0.0.0/8\n"
                )
            )
            try workspace.directory.write("lists.json", EndToEnd.catalog)

            let config = try workspace.directory.write(
                "blwatch.yaml",
                "targets:\n  - 192.0.2.1\n  - address: 192.0.2.300\n"
            )
            let badConfig = try await workspace.run(["scan", "--config", config], server: server)
            #expect(badConfig.status == 78)
            #expect(
                badConfig.stderr.hasPrefix(
                    "blwatch: \(config):3: targets[1].address: \"192.0.2.300\" is not an IPv4 or IPv6 address"
                )
            )

            let badOption = try await workspace.run(
                ["scan", "--ip", "192.0.2.1", "--concurrency", "0"],
                server: server
            )
            #expect(badOption.status == 64)
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
        }
    }

    @Test func anOverlappingRunExitsAtOnce() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            #expect(try await workspace.run(["scan", "--ip", "192.0.2.1"], server: server).status == 1)
            let lock = try RunLock(databasePath: workspace.database)
            let blocked = try await workspace.run(["scan", "--ip", "192.0.2.1"], server: server)
            #expect(blocked.status == 75)
            #expect(blocked.stderr.contains("is locked by another blwatch scan"))
            withExtendedLifetime(lock) {}
        }
    }
}
