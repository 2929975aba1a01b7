import BLWatchTestSupport
import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// The starter configuration: valid, commented, never written over an existing file.
struct InitJobTests {
    static let date = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func foundAddressesBecomeTargetsWithTheHELOName() throws {
        let addresses = [try #require(Subject("185.1.2.3")), try #require(Subject("2a01:4f8::25"))]
        let text = InitJob.render(
            addresses: addresses,
            helo: .init(name: "mail.example.com", source: "postconf myhostname"),
            host: "mx1",
            date: Self.date
        )
        let config = try OperatorConfig.parse(text, file: "init.yaml")
        #expect(config.targets.flatMap(\.subjects) == addresses)
        #expect(config.targets.map(\.expectedHELO) == ["mail.example.com", "mail.example.com"])
        #expect(config.dqsKey == nil && config.lists.isEmpty && config.scansPerDay == nil)
        #expect(text.contains("(from postconf myhostname)"))
        #expect(text.contains("#   - example.com"))
    }

    @Test func noAddressIsAnEmptyListWithACommentedExample() throws {
        let text = InitJob.render(addresses: [], helo: nil, host: "mx1", date: Self.date)
        let config = try OperatorConfig.parse(text, file: "init.yaml")
        #expect(config.targets.isEmpty)
        #expect(text.contains("targets: []"))
        #expect(text.contains("#   - address: 192.0.2.25\n#     helo: mail.example.com"))
    }

    @Test func everyCommentedFieldParsesWhenUncommented() throws {
        let text = InitJob.render(addresses: [], helo: nil, host: "mx1", date: Self.date)
        // Example lines are "# key:", "# key: value", "#   - item" and "#     key: value"; prose is not.
        let example = /^# (\s*- \S.*|\s*[A-Za-z]+: \S+|[A-Za-z]+:)$/
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.wholeMatch(of: example) != nil ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        // The example target goes under the (empty) targets key.
        let config = try OperatorConfig.parse(
            uncommented.replacingOccurrences(of: "targets: []\n", with: "")
                .replacingOccurrences(of: "  - address: 192.0.2.25", with: "targets:\n  - address: 192.0.2.25"),
            file: "uncommented.yaml"
        )
        #expect(config.targets.map(\.expectedHELO) == ["mail.example.com"])
        #expect(config.lists.map(\.text) == ["default"])
        #expect(config.dqsKey == "YOUR-DQS-KEY")
        #expect(config.scansPerDay == 24)
    }

    @Test func theFileIsCreatedOnceWithMode0640() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.file("etc/blwatch/blwatch.yaml")
            let job = InitJob(
                path: path,
                probe: MTAHostnameProbe(environment: ["PATH": directory.path]),
                addresses: { [.ipv4(.init(185, 1, 2, 3))] }
            )
            let outcome = try await job.run()
            #expect(outcome.addresses.map(\.description) == ["185.1.2.3"] && outcome.helo == nil)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o640)
            #expect(try OperatorConfig.load(path: path).targets.count == 1)

            try "operator's own\n".write(toFile: path, atomically: false, encoding: .utf8)
            await #expect(throws: InitError(.exists, "")) { try await job.run() }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "operator's own\n")
        }
    }
}
