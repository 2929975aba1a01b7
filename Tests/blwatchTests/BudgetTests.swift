import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch lists budget` and the scan's warning when the schedule takes a list over its daily limit.
struct BudgetTests {
    /// The end-to-end catalog with a daily limit of 200 queries on xbl.
    static func workspace() throws -> EndToEnd.Workspace {
        let workspace = try EndToEnd.Workspace()
        try workspace.directory.write(
            "lists.json",
            EndToEnd.catalog.replacingOccurrences(
                of: #""access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},"#,
                with:
                    #""access": {"type": "free"}, "limits": {"queriesPerDay": 200}, "status": {"state": "active"}, "tags": ["default"]},"#
            )
        )
        return workspace
    }

    static func budget(_ workspace: EndToEnd.Workspace, _ arguments: [String]) async throws -> BudgetView.Document {
        let run = try await CommandRun.blwatch(
            ["lists", "budget", "--json", "--lists", workspace.lists, "--server", "127.0.0.1"] + arguments
        )
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONDecoder().decode(BudgetView.Document.self, from: Data(run.stdout.utf8))
    }

    @Test func eightAddressesOnTwoZonesHourly() async throws {
        let workspace = try Self.workspace()
        defer { workspace.directory.remove() }
        let targets = ["--ip", "192.0.2.0/29", "--list", "xbl", "--list", "dead"]
        let hourly = try await Self.budget(workspace, targets)
        #expect(hourly.scansPerDay == 24 && hourly.scansPerDaySource == "default: hourly" && hourly.subjects == 8)
        // 8 addresses + the 2 IPv4 test entries per scan; xbl's IPv6 kind has no subject, so no probes.
        #expect(
            hourly.zones.map {
                "\($0.zone) \($0.pairsPerScan)+\($0.healthProbesPerScan)=\($0.queriesPerScan) \($0.queriesPerDay)/\($0.dailyLimit ?? 0)"
            } == ["xbl 8+2=10 240/200", "dead 8+2=10 240/0"]
        )
        #expect(hourly.queriesPerDay == 480)
        #expect(
            hourly.warnings == [
                "zone xbl: 24 scans a day of 10 queries need 240 a day, over its documented 200 (lists.json "
                    + "limits.queriesPerDay): scan less often (scansPerDay and the timer), monitor fewer addresses "
                    + "there, or use a key"
            ]
        )

        let twiceADay = try await Self.budget(workspace, targets + ["--scans-per-day", "12"])
        #expect(twiceADay.scansPerDaySource == "command line")
        #expect(twiceADay.zones.map(\.queriesPerDay) == [120, 120] && twiceADay.warnings.isEmpty)

        let config = try workspace.directory.write("blwatch.yaml", "targets:\n  - 192.0.2.0/29\nscansPerDay: 48\n")
        let fromConfig = try await Self.budget(workspace, ["--config", config, "--list", "xbl"])
        #expect(fromConfig.scansPerDay == 48 && fromConfig.scansPerDaySource == "config scansPerDay")
        #expect(fromConfig.zones.map(\.queriesPerDay) == [480])
    }

    @Test func theTable() async throws {
        let workspace = try Self.workspace()
        defer { workspace.directory.remove() }
        let run = try await CommandRun.blwatch(
            ["lists", "budget", "--lists", workspace.lists, "--server", "127.0.0.1", "--ip", "192.0.2.0/29"]
        )
        #expect(run.status == 0)
        #expect(
            run.stdout.hasPrefix(
                """
                schedule: 24 scans a day (default: hourly)
                subjects: 8

                ZONE  PAIRS  PROBES  PER SCAN  PER DAY  DAILY LIMIT  USE
                xbl   8      2       10        240      200          OVER
                dead  8      2       10        240      -            -

                per day: 480 queries on 2 zone(s); TXT queries for listings and retries come on top

                warnings:
                  - zone xbl: 24 scans a day
                """
            ),
            "\(run.stdout)"
        )
        let bad = try await CommandRun.blwatch(["lists", "budget", "--scans-per-day", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--scans-per-day must be 1 to 1440"))
    }

    @Test(.enabled(if: Tool.required("rbldnsd")))
    func aScanWarnsWhenTheScheduleIsOverALimit() async throws {
        let workspace = try Self.workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let hourly = try workspace.directory.write("hourly.yaml", "lists: [xbl]\n")
            let scan = ["scan", "--ip", "192.0.2.0/29", "--json"]
            let first = try EndToEnd.decodeScan(
                try await workspace.run(scan + ["--config", hourly], server: server).stdout
            )
            // Today's budget still covers this scan (10 of 200); the schedule does not.
            #expect(first.unknown == 0 && first.listed == 1)
            #expect(first.warnings.contains { $0.hasPrefix("zone xbl: 24 scans a day of 10 queries need 240 a day") })

            let daily = try workspace.directory.write("daily.yaml", "lists: [xbl]\nscansPerDay: 12\n")
            let second = try EndToEnd.decodeScan(
                try await workspace.run(scan + ["--config", daily], server: server).stdout
            )
            #expect(!second.warnings.contains { $0.contains("scans a day") })
        }
    }
}
