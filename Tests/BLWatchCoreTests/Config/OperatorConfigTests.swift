import BLWatchTestSupport
import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// `blwatch.yaml`: the example with every field, one bad fixture per rule, and an unknown selector that
/// `RunSettings` locates in the file.
@Suite struct OperatorConfigTests {
    /// The repository's `lists.json`: this file is `Tests/BLWatchCoreTests/Config/<file>`, four levels below the root.
    private static let repositoryCatalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lists.json").path

    private func parseFixture(_ name: String) throws -> OperatorConfig {
        try OperatorConfig.parse(Fixtures.text("config/\(name)"), file: name)
    }

    // MARK: - A valid configuration

    @Test func exampleTargets() throws {
        let config = try parseFixture("example.yaml")
        #expect(
            config.targets == [
                Target(.single(.ipv4(IPv4Address(192, 0, 2, 25)))),
                Target(.single(.ipv4(IPv4Address(198, 51, 100, 7))), expectedHELO: "mail.example.net"),
                Target(.single(.ipv6(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x25)))),
                Target(.network(try IPNetwork("203.0.113.8/29"))),
            ]
        )
        let range = try #require(config.targets.last)
        #expect(range.subjects.map(\.description) == (8...15).map { "203.0.113.\($0)" })
    }

    @Test func exampleListsAndDomains() throws {
        let config = try parseFixture("example.yaml")
        #expect(config.domains.map(\.description) == ["example.net", "mail.example.org"])
        #expect(config.lists.map(\.text) == ["default", "spamhaus-dbl"])
        // Each selector keeps its line, so RunSettings can point at one that matches nothing.
        #expect(config.lists.map(\.error.line) == [15, 16])
        #expect(config.lists.map(\.error.path) == ["lists[0]", "lists[1]"])
    }

    @Test func exampleScalars() throws {
        let config = try parseFixture("example.yaml")
        #expect(config.resolvers.map(\.description) == ["127.0.0.1:5353", "[2001:db8::53]:53", "198.51.100.53:53"])
        #expect(config.dqsKey == "abcdefghijklmnopqrstuvwxyz")
        #expect(config.database == "/var/lib/blwatch/test.sqlite")
        #expect(config.feed == "/var/lib/blwatch/feed.json")
        #expect(config.catalog == "/usr/share/blwatch/lists.json")
        #expect(config.concurrency == 64)
        #expect(config.timeout == 5)
    }

    @Test func exampleAlerts() throws {
        let alerts = try parseFixture("example.yaml").alerts
        #expect(alerts.confirm == 2 && alerts.retentionDays == 10)
        let email = try #require(alerts.email)
        #expect(email.url == "smtp://mail.example.net:587" && email.from == "blwatch@example.net")
        #expect(email.to == ["postmaster@example.net", "ops@example.org"])
        // Credentials make STARTTLS required unless the config says otherwise.
        #expect("\(email.security)" == "required" && email.username == "blwatch" && email.password == "example-only")
        #expect(email.caFile == "/etc/ssl/private-ca.pem" && email.heloName == "blwatch.example.net")
        let webhook = try #require(alerts.webhook)
        #expect(webhook.url == "https://hooks.example.net/T000/B000" && webhook.format == .slack)
        #expect(webhook.timeout == .seconds(5))
        #expect(alerts.channels == [.email, .webhook])
    }

    @Test func passwordsComeFromTheEnvironmentOrAFile() throws {
        let base =
            "alerts:\n  email:\n    url: smtps://mx.example.net\n    from: a@example.net\n    to: b@example.net\n    username: u\n"
        let fromEnv = try OperatorConfig.parse(
            base + "    passwordEnv: SMTP_PASS\n",
            file: "blwatch.yaml",
            environment: ["SMTP_PASS": "from-env"]
        )
        #expect(fromEnv.alerts.email?.password == "from-env")
        let directory = try TemporaryDirectory(prefix: "blwatch-secret")
        defer { directory.remove() }
        let file = try directory.write("pass", "from-file\nignored\n")
        let fromFile = try OperatorConfig.parse(base + "    passwordFile: \(file)\n", file: "blwatch.yaml")
        #expect(fromFile.alerts.email?.password == "from-file")
        #expect(throws: ConfigError.self) {
            try OperatorConfig.parse(base + "    password: x\n    passwordEnv: Y\n", file: "blwatch.yaml")
        }
    }

    @Test func exampleAuditProbesTheMTA() throws {
        let probe = try #require(try parseFixture("example.yaml").smtpProbe)
        #expect(probe.host == "127.0.0.1" && probe.port == 2525)
        let bare = try OperatorConfig.parse("audit:\n  smtp: 192.0.2.25\n", file: "blwatch.yaml")
        #expect(bare.smtpProbe?.port == 25)
        #expect(throws: ConfigError.self) {
            try OperatorConfig.parse("audit:\n  smtp: mx.example.net\n", file: "b.yaml")
        }
    }

    @Test func exampleReasons() throws {
        let reasons = try parseFixture("example.yaml").reasons
        #expect(reasons.fetchPages == false)
        #expect(reasons.perHostPerRun == 5)
        #expect(reasons.pageTimeout == .seconds(4))
        #expect(reasons.budget == .seconds(12))
        #expect(reasons.maxPageBytes == 65536)
        #expect(reasons.wqsURL == "http://127.0.0.1:8080/lookup/v1")
        #expect(try OperatorConfig.parse("timeout: 3\n", file: "blwatch.yaml").reasons == ReasonSettings())
    }

    @Test(arguments: ["", "# nothing configured yet\n", "---\n", "---\n~\n"])
    func emptyDocumentMeansDefaults(text: String) throws {
        let config = try OperatorConfig.parse(text, file: "blwatch.yaml")
        #expect(config.targets.isEmpty && config.domains.isEmpty && config.lists.isEmpty && config.resolvers.isEmpty)
        #expect(config.dqsKey == nil && config.database == nil && config.concurrency == nil && config.timeout == nil)
    }

    @Test func unquotedNumberIsAcceptedWhereTextIsExpected() throws {
        // A plain YAML scalar keeps its text, so a numeric HELO or key is not a type error.
        let text = "targets:\n  - address: 192.0.2.1\n    helo: 12\ndqsKey: 0123\n"
        let config = try OperatorConfig.parse(text, file: "blwatch.yaml")
        #expect(config.targets.first?.expectedHELO == "12")
        #expect(config.dqsKey == "0123")
    }

    // MARK: - Invalid configurations

    /// Each fixture breaks one rule; the message names the file, the line, the field and what is wrong.
    static let invalidConfigs: [(String, String)] = [
        (
            "invalid-bad-ipv6.yaml",
            #"invalid-bad-ipv6.yaml:2: targets[0]: "2001:db8::25::1" is not an IPv4 or IPv6 address, a CIDR range or a domain name"#
        ),
        (
            "invalid-range-too-large.yaml",
            #"invalid-range-too-large.yaml:2: targets[0]: "10.0.0.0/8" is too large: at most /16 (65,536 addresses)"#
        ),
        (
            "invalid-host-bits.yaml",
            #"invalid-host-bits.yaml:2: targets[0]: "192.0.2.9/29" has host bits set (did you mean 192.0.2.8/29?)"#
        ),
        (
            "invalid-domain-target.yaml",
            #"invalid-domain-target.yaml:2: targets[0]: "mail.example.net" is a domain: list it under domains"#
        ),
        (
            "invalid-target-without-address.yaml",
            "invalid-target-without-address.yaml:3: targets[1].address: missing required field"
        ),
        (
            "invalid-unknown-target-field.yaml",
            "invalid-unknown-target-field.yaml:3: targets[0].hello: unknown field (expected one of: address, helo)"
        ),
        (
            "invalid-unknown-field.yaml",
            "invalid-unknown-field.yaml:3: dqskey: unknown field (expected one of: alerts, audit, catalog, concurrency, "
                + "database, domains, dqsKey, feed, feedHistoryDays, lists, metrics, reasons, resolvers, scansPerDay, "
                + "targets, timeout)"
        ),
        (
            "invalid-reasons-url.yaml",
            #"invalid-reasons-url.yaml:3: reasons.wqsURL: "ftp://example.net/wqs" is not an http or https URL"#
        ),
        (
            "invalid-alerts-url.yaml",
            #"invalid-alerts-url.yaml:3: alerts.email.url: "http://mail.example.net" is not an smtp:// or smtps:// URL"#
        ),
        (
            "invalid-alerts-password-without-user.yaml",
            "invalid-alerts-password-without-user.yaml:3: alerts.email: a password needs a username"
        ),
        (
            "invalid-alerts-unset-env.yaml",
            "invalid-alerts-unset-env.yaml:7: alerts.email.passwordEnv: environment variable BLWATCH_UNSET_TEST_VARIABLE is not set"
        ),
        (
            "invalid-alerts-clear-credentials.yaml",
            "invalid-alerts-clear-credentials.yaml:8: alerts.email.security: credentials are never sent without TLS: "
                + "use required or optional, or smtps://"
        ),
        (
            "invalid-alerts-webhook-format.yaml",
            #"invalid-alerts-webhook-format.yaml:4: alerts.webhook.format: unknown value "teams" (expected generic, slack)"#
        ),
        (
            "invalid-alerts-recipient.yaml",
            #"invalid-alerts-recipient.yaml:5: alerts.email.to: recipient 2 "postmaster" is not an email address"#
        ),
        (
            "invalid-reasons-field.yaml",
            "invalid-reasons-field.yaml:2: reasons.pagesPerHost: unknown field (expected one of: budget, fetchPages, "
                + "maxPageBytes, pageTimeout, perHostPerRun, wqsURL)"
        ),
        ("invalid-wrong-type.yaml", "invalid-wrong-type.yaml:2: targets: expected a list, found a string"),
        (
            "invalid-not-a-number.yaml",
            "invalid-not-a-number.yaml:1: concurrency: expected a whole number, found a string"
        ),
        ("invalid-timeout.yaml", "invalid-timeout.yaml:1: timeout: 120 is out of range (1...60)"),
        ("invalid-empty-selector.yaml", "invalid-empty-selector.yaml:3: lists[1]: must not be empty"),
        (
            "invalid-resolver.yaml",
            #"invalid-resolver.yaml:2: resolvers[0]: resolver "dns.example.net" is not an IP address with an optional port "#
                + "(HOST, HOST:PORT, [IPv6]:PORT)"
        ),
        (
            "invalid-bad-port.yaml",
            #"invalid-bad-port.yaml:2: resolvers[0]: resolver "127.0.0.1:70000" is not an IP address with an optional port "#
                + "(HOST, HOST:PORT, [IPv6]:PORT)"
        ),
        // The second item is indented one space less than the first (libyaml's wording, with the line).
        (
            "invalid-syntax.yaml",
            "invalid-syntax.yaml:3: invalid YAML: did not find expected key while parsing a block mapping that starts on line 1"
        ),
        ("invalid-duplicate-key.yaml", #"invalid-duplicate-key.yaml:1: duplicate key "timeout""#),
        (
            "invalid-unclosed-quote.yaml",
            "invalid-unclosed-quote.yaml:5: invalid YAML: found unexpected end of stream while scanning a quoted scalar that starts on line 2"
        ),
        (
            "invalid-bad-ipv4.yaml",
            #"invalid-bad-ipv4.yaml:4: targets[1]: "192.0.2.256" is not an IPv4 or IPv6 address, a CIDR range or a domain name"#
        ),
    ]

    @Test(arguments: invalidConfigs)
    func rejectsInvalidConfig(file: String, message: String) throws {
        let error = #expect(throws: ConfigError.self) { try parseFixture(file) }
        #expect(error?.message == message)
    }

    @Test func everyInvalidFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("config"))
            .filter { $0.hasPrefix("invalid-") }
        #expect(Set(files) == Set(Self.invalidConfigs.map(\.0)))
    }

    @Test func loadNamesThePathItWasGiven() throws {
        let path = Fixtures.path("config/invalid-timeout.yaml")
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
        #expect(error?.message == "\(path):1: timeout: 120 is out of range (1...60)")
    }

    // MARK: - Selectors checked against the catalog

    @Test func unknownSelectorNamesTheConfigLine() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-config")
        defer { directory.remove() }
        let configText = "# zones to query\nlists:\n  - default\n  - no-such-list\n"
        let configPath = try directory.write("blwatch.yaml", configText)
        var overrides = RunSettings.Overrides()
        overrides.configPath = configPath
        overrides.listsPath = Self.repositoryCatalog
        overrides.servers = ["127.0.0.1"]

        let settings = try RunSettings.resolve(overrides, environment: [:])
        #expect(settings.selectors == ["default", "no-such-list"])
        let error = #expect(throws: ConfigError.self) { try settings.selection() }
        let expected =
            "\(configPath):4: lists[1]: \"no-such-list\" is neither a zone id nor a tag in \(Self.repositoryCatalog)"
        #expect(error?.message == expected)
    }
}
