import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch config check`: validates, prints the effective settings, never a secret.
struct ConfigCheckTests {
    static let secret = "s3cr3t-dqs-key-value"

    static let config = """
        targets:
          - address: 192.0.2.25
            helo: mail.example.com
          - 2001:db8::25
          - 198.51.100.0/29
          - 192.0.2.26
          - 192.0.2.27
          - 192.0.2.28
          - 192.0.2.29
        domains:
          - example.com
        lists:
          - xbl
        resolvers:
          - 127.0.0.1:5353
        dqsKey: \(secret)
        timeout: 3
        concurrency: 16
        scansPerDay: 96

        """

    @Test func theEffectiveSettingsWithoutTheKey() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        let path = try workspace.directory.write("blwatch.yaml", Self.config)
        let run = try await CommandRun.blwatch(
            ["config", "check", "--config", path, "--lists", workspace.lists, "--db", workspace.database]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains(Self.secret) && !run.stderr.contains(Self.secret))
        let lines = [
            "configuration is valid",
            "config        \(path)",
            "lists         \(workspace.lists) (2 zones)",
            "database      \(workspace.database) (not created yet)",
            "resolvers     127.0.0.1:5353",
            "targets       7: 192.0.2.25 (helo mail.example.com), 2001:db8::25, 198.51.100.0/29, 192.0.2.26, 192.0.2.27, …",
            "domains       example.com",
            "subjects      15",
            "zones         xbl",
            "timeout       3 s",
            "concurrency   16",
            "scansPerDay   96",
            "dqsKey        set",
        ]
        for line in lines { #expect(run.stdout.contains(line + "\n"), "\(line)\n\(run.stdout)") }

        let json = try await CommandRun.blwatch(
            ["config", "check", "--json", "--config", path, "--lists", workspace.lists, "--db", workspace.database]
        )
        #expect(json.status == 0 && !json.stdout.contains(Self.secret))
        let document = try JSONDecoder().decode(EffectiveConfigView.Document.self, from: Data(json.stdout.utf8))
        #expect(document.dqsKey == "set" && document.targets == 7 && document.firstTargets.count == 5)
        #expect(document.selectedZones == ["xbl"] && document.scansPerDay == 96)
    }

    @Test func aMissingConfigIsAnError() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        let absent = workspace.directory.file("absent.yaml")
        // A file named by $BLWATCH_CONFIG or --config must exist: no silent defaults.
        let run = try await CommandRun.blwatch(
            ["config", "check", "--lists", workspace.lists],
            environment: ["BLWATCH_CONFIG": absent]
        )
        #expect(run.status == 78)
        #expect(run.stderr.hasPrefix("blwatch: \(absent): cannot read the configuration file\n"))
    }

    @Test(arguments: [
        ("targets:\n  - 192.0.2.300\n", 78, ":2: targets[0]: \"192.0.2.300\" is not an IPv4 or IPv6 address"),
        ("scansPerDay: 2000\n", 78, ":1: scansPerDay: 2000 is out of range (1...1440)"),
        ("lists:\n  - nosuchlist\n", 78, ":2: lists[0]: \"nosuchlist\" is neither a zone id nor a tag"),
        ("dqsKey: \(secret)\nbogus: 1\n", 78, ":2: bogus: unknown field"),
    ])
    func invalidConfigs(text: String, status: Int32, message: String) async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        let path = try workspace.directory.write("blwatch.yaml", text)
        let run = try await CommandRun.blwatch(["config", "check", "--config", path, "--lists", workspace.lists])
        #expect(run.status == status)
        #expect(run.stderr.hasPrefix("blwatch: \(path)\(message)"), "\(run.stderr)")
        #expect(!run.stderr.contains(Self.secret))
    }

    @Test func anInvalidCatalogIs65() async throws {
        let workspace = try EndToEnd.Workspace()
        defer { workspace.directory.remove() }
        try workspace.directory.write(
            "lists.json",
            EndToEnd.catalog.replacingOccurrences(of: "\"127.0.0.10\"", with: "\"10.0.0.10\"")
        )
        let run = try await CommandRun.blwatch(["config", "check", "--lists", workspace.lists])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("blwatch: \(workspace.lists):8: "))
    }
}
