import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Shell syntax in what the operator or a log gives blwatch (file names, a HELO name, a database
/// path) is data: blwatch runs in a directory of its own and no `pwned` file ever appears there.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct ShellInjectionCommandTests {
    /// Shell syntax that would `touch pwned` in the working directory if a shell saw it.
    static let payloads = ["$(touch pwned)", "`touch pwned`", ";touch pwned;", "|touch pwned", "&&touch pwned"]

    /// Runs the built `blwatch` in `directory`, so a relative `pwned` would land there.
    private func blwatch(_ arguments: [String], in directory: TemporaryDirectory) async throws -> CommandRun {
        var environment = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS"] { environment.removeValue(forKey: key) }
        return try await CommandRun.run(
            try CommandRun.binaryPath(),
            arguments,
            environment: environment,
            directory: directory.path
        )
    }

    @Test func fileNamesWithShellSyntaxAreReadAsFileNames() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-inject")
        defer { directory.remove() }
        let log = try String(
            contentsOfFile: AuditCommandTests.fixture("maillog/exim-empty-helo-bounces.log"),
            encoding: .utf8
        )
        let macros = try String(
            contentsOfFile: AuditCommandTests.fixture("mtaconfig/exim4.conf.localmacros"),
            encoding: .utf8
        )
        for payload in Self.payloads {
            let logPath = try directory.write("mainlog\(payload)", log)
            let logs = try await blwatch(
                ["audit", "logs", logPath, "--db", directory.file("h\(payload).sqlite")],
                in: directory
            )
            #expect(logs.status == 1, "\(payload): \(logs.stderr)")
            #expect(logs.stdout.contains("Rejections: 3"), "\(logs.stdout)")
            let configPath = try directory.write("localmacros\(payload)", macros)
            let config = try await blwatch(
                ["audit", "config", configPath, "--db", directory.file("h.sqlite")],
                in: directory
            )
            #expect(config.status == 1, "\(payload): \(config.stderr)")
            #expect(config.stdout.contains("\(configPath):9: REMOTE_SMTP_HELO_DATA"), "\(config.stdout)")
            // The database path is taken literally too: the history is created under that very name.
            #expect(FileManager.default.fileExists(atPath: directory.file("h\(payload).sqlite")))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("pwned")))
    }

    @Test func aHELONameWithShellSyntaxIsOnlyCompared() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-inject")
        defer { directory.remove() }
        try directory.write("lists.json", EndToEnd.catalog)
        // No spaces (a HELO name has none): `${IFS}` stands in for them, as an attacker would write it.
        let targets = Self.payloads.enumerated().map { index, payload in
            let helo = payload.replacingOccurrences(of: " ", with: "${IFS}")
            return "  - address: 192.0.2.\(index + 1)\n    helo: \"\(helo)\"\n"
        }
        let config = try directory.write("blwatch.yaml", "targets:\n" + targets.joined())
        try await withRbldnsd(EndToEnd.zones()) { server in
            let common = [
                "--config", config, "--lists", directory.file("lists.json"), "--db", directory.file("h.sqlite"),
                "--server", server.address.description, "--timeout", "1",
            ]
            let check = try await blwatch(["config", "check"] + common, in: directory)
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains("(helo $(touch${IFS}pwned))"), "\(check.stdout)")
            let scan = try await blwatch(["scan"] + common, in: directory)
            #expect(scan.status == 1, "\(scan.stderr)")
            // The scan's DNS audit compared each configured HELO name with DNS; the diagnosis reads
            // those findings back.
            let diagnose = try await blwatch(["diagnose"] + common, in: directory)
            #expect([0, 1, 2].contains(diagnose.status), "\(diagnose.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("pwned")))
    }
}
