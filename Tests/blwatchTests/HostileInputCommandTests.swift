import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Hostile files given to the built binary: a bad `blwatch.yaml` exits 78 and a bad `lists.json`
/// 65, each with its one-line message, and the history already on disk is left byte for byte as it
/// was; MTA logs with megabyte lines, NUL bytes, garbage and a cut gzip are reported and skipped.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct HostileInputCommandTests {
    static func fixture(_ relative: String) -> String { AuditCommandTests.fixture(relative) }

    /// Hostile configurations (core fixtures, or made by the test) and the message after their path.
    static let configs: [(String, String)] = [
        ("config/hostile/invalid-billion-laughs.yaml", ":2: YAML anchors and aliases are not supported"),
        ("config/hostile/invalid-binary-garbage.yaml", ":1: not UTF-8 text (byte 0x89): save the file as UTF-8"),
        ("config/hostile/invalid-deep-nesting.yaml", ":1: invalid YAML: nested deeper than 1000 levels"),
        (
            "config/hostile/invalid-duplicate-target.yaml",
            ":4: targets[2]: 192.0.2.1 is listed twice (first as targets[0], line 2)"
        ),
        ("config/hostile/invalid-nul-byte.yaml", ":2: unreadable YAML: control characters are not allowed (0x0)"),
        ("huge", ": is 10000011 bytes; a configuration file is at most 4 MiB"),
        ("directory", ": is a directory, not a file"),
    ]

    static let catalogs: [(String, String)] = [
        ("lists/hostile/invalid-binary-garbage.json", ":1: not UTF-8 text (byte 0x8B): save the file as UTF-8"),
        (
            "lists/hostile/invalid-lookup-url-file.json",
            #":9: zones[0].lookupURL: "file:///etc/passwd" must be an http:// or https:// URL"#
        ),
        ("lists/hostile/invalid-deep-nesting.json", ":1: invalid JSON: nested deeper than 64 levels"),
        ("lists/hostile/invalid-empty.json", ":1: invalid JSON: unexpected end of file"),
        ("directory", ": is a directory, not a file"),
    ]

    /// The path for a table entry: a core fixture, a 10 MB file or a directory made in `directory`.
    private func path(_ entry: String, in directory: TemporaryDirectory) throws -> String {
        switch entry {
        case "huge": try directory.write("huge.yaml", "dqsKey: \"" + String(repeating: "x", count: 10_000_000) + "\"\n")
        case "directory": directory.path
        default: Self.fixture(entry)
        }
    }

    @Test func badFilesExitWithTheirMessageAndLeaveTheHistoryAlone() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try await withRbldnsd(EndToEnd.zones()) { server in
            #expect(try await workspace.run(["scan", "--ip", "192.0.2.1"], server: server).status == 1)
            let before = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
            for (entry, message) in Self.configs {
                let config = try path(entry, in: workspace.directory)
                for command in [["config", "check"], ["scan", "--ip", "192.0.2.1"]] {
                    let run = try await workspace.run(command + ["--config", config], server: server)
                    #expect(run.status == 78, "\(command) \(entry): \(run.stderr)")
                    #expect(run.stderr.hasPrefix("blwatch: \(config)\(message)\n"), "\(run.stderr)")
                    #expect(run.stderr.utf8.count < 1000 && run.stdout.isEmpty)
                }
            }
            for (entry, message) in Self.catalogs {
                let catalog = try path(entry, in: workspace.directory)
                for command in [["config", "check"], ["scan", "--ip", "192.0.2.1"], ["lists"]] {
                    let run = try await CommandRun.blwatch(
                        command + [
                            "--lists", catalog, "--db", workspace.database, "--server", server.address.description,
                        ]
                    )
                    #expect(run.status == 65, "\(command) \(entry): \(run.stderr)")
                    #expect(run.stderr.hasPrefix("blwatch: \(catalog)\(message)\n"), "\(run.stderr)")
                }
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.database)) == before)
            // And the history still works.
            #expect(try await workspace.run(["status"], server: server).status == 1)
        }
    }

    @Test func hostileMailLogsAreReportedAndSkipped() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile-logs")
        defer { directory.remove() }
        let incident = try String(
            contentsOfFile: Self.fixture("maillog/exim-empty-helo-bounces.log"),
            encoding: .utf8
        ).split(separator: "\n", omittingEmptySubsequences: false)
        var generator = SystemRandomNumberGenerator()
        var bytes = Array(incident.prefix(8).joined(separator: "\n").utf8) + [0x0A]
        bytes += Array(("2025-03-04 10:15:02 " + String(repeating: "x", count: 1 << 20) + "\n").utf8)
        bytes += Array("2025-03-04 10:15:03 1tpS0a-0000000Ab1a-1Aa1 <= \0\0\0 NUL bytes \0\n".utf8)
        bytes += (0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0x0A]
        bytes += Array(incident.dropFirst(8).joined(separator: "\n").utf8)
        let mainlog = directory.file("mainlog")
        try Data(bytes).write(to: URL(fileURLWithPath: mainlog))
        // The Postfix fixture, gzipped and cut in half: the lines before the cut count.
        let whole = directory.file("mail.log.1.gz")
        let gzip = try await CommandRun.run(
            "/bin/sh",
            ["-c", "gzip -c -9 \"$0\" > \"$1\"", Self.fixture("maillog/postfix-blocklist.log"), whole]
        )
        #expect(gzip.status == 0, "\(gzip.stderr)")
        let compressed = try Data(contentsOf: URL(fileURLWithPath: whole))
        let gz = directory.file("mail.log.2.gz")
        try compressed.prefix(compressed.count / 2).write(to: URL(fileURLWithPath: gz))

        let run = try await AuditCommandTests.audit(["logs", mainlog, gz, directory.file("missing.log")])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("[CRITICAL] remoteRejectedEmptyHELO"))
        #expect(run.stdout.contains("\(gz) (postfix, gzip, "), "\(run.stdout)")
        for warning in [
            "warning: \(mainlog): skipped 1 lines longer than 64 KiB",
            "warning: \(gz): gzip data ends early (truncated file)",
            "warning: \(directory.file("missing.log")): cannot read",
        ] {
            #expect(run.stdout.contains(warning), "\(warning)\n\(run.stdout)")
        }
        #expect(!run.stdout.contains("\0"))

        let json = try await AuditCommandTests.audit(["logs", "--json", mainlog, gz])
        #expect(json.status == 1)
        let report = try JSONDecoder().decode(MTALogReport.self, from: Data(json.stdout.utf8))
        #expect(report.tally(.emptyHELO).rejections == 3 && report.skippedLongLines == 1)
        // The lines of the cut gzip before the cut are counted: the Postfix blocklist rejections.
        #expect(report.tally(.blocklist).rejections >= 1)
        #expect(json.stderr.contains("blwatch: warning: \(gz): gzip data ends early"), "\(json.stderr)")
    }
}
