import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `check --nagios` and `status --nagios`: one plugin line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct NagiosTests {
    /// The single line a plugin prints, checked for shape.
    static func line(_ run: CommandRun) -> String {
        #expect(run.stdout.hasSuffix("\n") && run.stdout.dropLast().split(separator: "\n").count == 1, "\(run.stdout)")
        return String(run.stdout.dropLast())
    }

    @Test func checkCleanListedAndUnknown() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let clean = try await workspace.run(["check", "--nagios", "--list", "xbl", "192.0.2.2"], server: server)
            #expect(clean.status == 0)
            #expect(Self.line(clean).hasPrefix("BLWATCH OK - not listed: 1 clean on 1 zone(s) | "))
            #expect(Self.line(clean).contains("| listed=0;;0;0 clean=1;;;0 unknown=0;0;;0 queries=3;;;0 time="))

            let listed = try await workspace.run(
                ["check", "--nagios", "--list", "xbl", "192.0.2.1", "192.0.2.2", "2001:db8::25"],
                server: server
            )
            #expect(listed.status == 2)
            #expect(
                Self.line(listed).hasPrefix(
                    "BLWATCH CRITICAL - 2 listed: 192.0.2.1 on xbl, 2001:db8::25 on xbl | listed=2;;0;0 clean=1;;;0 unknown=0;0;;0 "
                )
            )

            server.pause()
            let dark = try await workspace.run(["check", "--nagios", "--list", "xbl", "192.0.2.1"], server: server)
            server.resume()
            // Unknown verdicts are a WARNING, never counted as listed.
            #expect(dark.status == 1, "\(dark.stdout)")
            #expect(
                Self.line(dark).hasPrefix(
                    "BLWATCH WARNING - nothing listed, 1 unknown: xbl (zoneUnhealthy) | listed=0;;0;0 clean=0;;;0 unknown=1;0;;0 "
                )
            )
        }
    }

    @Test func statusFollowsTheHistory() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let none = try await workspace.run(["status", "--nagios"], server: server)
            #expect(none.status == 3)
            #expect(Self.line(none).hasPrefix("BLWATCH UNKNOWN - \(workspace.database): no history yet"))

            #expect(
                try await workspace.run(["scan", "--ip", "192.0.2.2", "--list", "xbl"], server: server).status == 0
            )
            let ok = try await workspace.run(["status", "--nagios"], server: server)
            #expect(ok.status == 0)
            #expect(Self.line(ok).hasPrefix("BLWATCH OK - no open listings; last scan #1 "))
            #expect(Self.line(ok).contains("| listed=0;;0;0 clean=1;;;0 unknown=0;0;;0 age="))

            server.pause()
            #expect(
                try await workspace.run(["scan", "--ip", "192.0.2.2", "--list", "xbl"], server: server).status == 2
            )
            server.resume()
            let unknown = try await workspace.run(["status", "--nagios"], server: server)
            #expect(unknown.status == 1)
            #expect(Self.line(unknown).hasPrefix("BLWATCH WARNING - nothing listed, 1 unknown: xbl (zoneUnhealthy) | "))

            #expect(
                try await workspace.run(["scan", "--ip", "192.0.2.1", "--list", "xbl"], server: server).status == 1
            )
            let listed = try await workspace.run(["status", "--nagios"], server: server)
            #expect(listed.status == 2)
            #expect(Self.line(listed).hasPrefix("BLWATCH CRITICAL - 1 open listing(s): 192.0.2.1 on xbl since "))
            #expect(Self.line(listed).contains("| listed=1;;0;0 "))
        }
    }

    @Test func anyErrorIsUnknownOnTheLine() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            let config = try workspace.directory.write("blwatch.yaml", "targets:\n  - address: 192.0.2.300\n")
            for command in [["check", "192.0.2.1"], ["status"]] {
                let run = try await workspace.run(command + ["--nagios", "--config", config], server: server)
                #expect(run.status == 3, "\(command)")
                #expect(
                    Self.line(run)
                        == "BLWATCH UNKNOWN - \(config):2: targets[0].address: \"192.0.2.300\" is not an IPv4 or IPv6 address, "
                        + "a CIDR range or a domain name"
                )
                #expect(run.stderr.isEmpty)
            }

            try workspace.directory.write("lists.json", "{\"version\": 1, \"zones\": [}")
            let badCatalog = try await workspace.run(["check", "--nagios", "192.0.2.1"], server: server)
            #expect(badCatalog.status == 3)
            #expect(Self.line(badCatalog).hasPrefix("BLWATCH UNKNOWN - \(workspace.lists):1: "))
        }
    }
}
