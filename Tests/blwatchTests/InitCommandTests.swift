import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch init`: a starter config from the interfaces and the MTA, with fake MTA tools on PATH.
struct InitCommandTests {
    /// Writes an executable `/bin/sh` script named `name` into `directory`.
    static func fakeTool(_ name: String, in directory: TemporaryDirectory, _ body: String) throws {
        let path = try directory.write(name, "#!/bin/sh\n\(body)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// Runs `blwatch init PATH` with only `bin` on PATH.
    static func initialize(_ path: String, bin: TemporaryDirectory) async throws -> CommandRun {
        try await CommandRun.blwatch(["init", path], environment: ["PATH": bin.path])
    }

    /// The public addresses of this machine, as init must write them (none in most containers).
    static let expected = LocalAddresses.publicAddresses()

    @Test func withoutAnMTAToolTheFileStillParses() async throws {
        let work = try TemporaryDirectory(prefix: "blwatch-init")
        let bin = try TemporaryDirectory(prefix: "blwatch-bin")
        defer { work.remove(); bin.remove() }
        let path = work.file("etc/blwatch/blwatch.yaml")
        let run = try await Self.initialize(path, bin: bin)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote \(path) (mode 0640)\n"))
        #expect(run.stdout.contains("helo: not found (neither postconf nor exim on PATH reported one)"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let config = try OperatorConfig.load(path: path)
        #expect(config.targets.flatMap(\.subjects) == Self.expected)
        if Self.expected.isEmpty {
            #expect(run.stdout.contains("targets: none: this machine's interfaces have no public address"))
            #expect(text.contains("targets: []\n") && text.contains("#   - address: 192.0.2.25\n"))
        } else {
            #expect(run.stdout.contains("targets: " + Self.expected.map(\.description).joined(separator: ", ")))
        }
        // What init wrote is a config the other commands accept as it is.
        let check = try await CommandRun.blwatch(["config", "check", "--config", path, "--server", "127.0.0.1"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func exim() async throws {
        let work = try TemporaryDirectory(prefix: "blwatch-init")
        let bin = try TemporaryDirectory(prefix: "blwatch-bin")
        defer { work.remove(); bin.remove() }
        // Debian's exim4: the transport's helo_data is the default expansion, so primary_hostname counts.
        try Self.fakeTool(
            "exim",
            in: bin,
            """
            case "$*" in
              "-bP transport remote_smtp") echo 'helo_data = $primary_hostname' ;;
              "-bP primary_hostname") echo 'primary_hostname = mx1.example.org' ;;
              *) exit 1 ;;
            esac
            """
        )
        let path = work.file("blwatch.yaml")
        let run = try await Self.initialize(path, bin: bin)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nhelo: mx1.example.org (exim primary_hostname)\n"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Under each target, or in the commented example when the machine has no public address.
        #expect(text.contains(Self.expected.isEmpty ? "#     helo: mx1.example.org\n" : "    helo: mx1.example.org\n"))
        #expect(try OperatorConfig.load(path: path).targets.allSatisfy { $0.expectedHELO == "mx1.example.org" })
    }

    @Test func postfix() async throws {
        let work = try TemporaryDirectory(prefix: "blwatch-init")
        let bin = try TemporaryDirectory(prefix: "blwatch-bin")
        defer { work.remove(); bin.remove() }
        let argv = work.file("postconf-argv")
        try Self.fakeTool(
            "postconf",
            in: bin,
            "printf '%s ' \"$@\" > \(argv)\necho '$myhostname'\necho mail.example.net"
        )
        let path = work.file("blwatch.yaml")
        let run = try await Self.initialize(path, bin: bin)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\nhelo: mail.example.net (postconf myhostname)\n"))
        #expect(try String(contentsOfFile: argv, encoding: .utf8) == "-h smtp_helo_name myhostname ")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("helo: mail.example.net\n") && text.contains("#   - example.net\n"))
    }

    @Test func anExistingFileIsNeverOverwritten() async throws {
        let work = try TemporaryDirectory(prefix: "blwatch-init")
        let bin = try TemporaryDirectory(prefix: "blwatch-bin")
        defer { work.remove(); bin.remove() }
        let path = try work.write("blwatch.yaml", "targets:\n  - 198.51.100.25\n")
        let run = try await Self.initialize(path, bin: bin)
        #expect(run.status == 74)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("blwatch: \(path) already exists: not overwritten\nhint: "))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "targets:\n  - 198.51.100.25\n")
    }
}
