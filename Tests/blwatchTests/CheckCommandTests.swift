import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch check` and `blwatch lists`: ad hoc lookups, no database.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct CheckCommandTests {
    @Test func adHocZoneWithRFC5782Defaults() async throws {
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await CommandRun.blwatch([
                "check", "--server", server.address.description, "--zone", "xbl.test", "--json",
                "192.0.2.1", "192.0.2.2", "2001:DB8:0::25",
            ])
            #expect(run.status == 1, "\(run.stderr)")
            let report = try EndToEnd.decodeScan(run.stdout)
            #expect(
                report.verdicts.map { "\($0.subject) \($0.verdict)" } == [
                    "192.0.2.1 listed", "192.0.2.2 clean", "2001:db8::25 listed",
                ]
            )
            #expect(report.verdicts[2].codes?.first?.code == "127.0.0.10")
        }
    }

    @Test func aZoneTheCatalogKnowsIsQueriedOnce() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await workspace.run(
                ["check", "--list", "xbl", "--zone", "XBL.test", "--json", "192.0.2.1"],
                server: server
            )
            #expect(run.status == 1)
            let report = try EndToEnd.decodeScan(run.stdout)
            #expect(report.verdicts.map(\.zone) == ["xbl"])
            #expect(report.verdicts.first?.codes?.first?.meaning == "exploited host or bad HELO")
        }
    }

    @Test func checkTouchesNoDatabase() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await workspace.run(["check", "192.0.2.2", "--list", "xbl"], server: server)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("192.0.2.2  xbl   not listed"))
            #expect(!FileManager.default.fileExists(atPath: workspace.database))
        }
    }

    @Test func listsTestReportsEachZone() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let run = try await workspace.run(["lists", "test", "--json"], server: server)
            #expect(run.status == 2)
            let health = try JSONDecoder().decode([ReportDocuments.Health].self, from: Data(run.stdout.utf8))
            #expect(
                health.map { "\($0.zone)/\($0.kind) \($0.state)" } == [
                    "xbl/ipv4 healthy", "xbl/ipv6 healthy", "dead/ipv4 unhealthy",
                ]
            )
        }
    }

    @Test func theShippedCatalogLoadsAndShowsDefaults() async throws {
        let run = try await CommandRun.blwatch(["lists", "--server", "127.0.0.1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("*  spamhaus-zen"))
        #expect(run.stdout.contains("defunct"))
    }
}
