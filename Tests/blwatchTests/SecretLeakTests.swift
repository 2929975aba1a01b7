import BLWatchCore
import BLWatchTestSupport
import DNSWire
import Foundation
import Testing

/// A configuration with every kind of secret (a DQS key, an inline SMTP password, a webhook URL
/// whose path is its credential), used for real: the key in DNS names and the WQS bearer header,
/// the password in SMTP AUTH, the webhook POSTed to. No command prints them, on success or on
/// failure, and neither the history, the feed nor the metrics file holds them.
@Suite(.enabled(if: Tool.required("rbldnsd") && Tool.required("openssl") && SMTPSink.isAvailable))
struct SecretLeakTests {
    static let dqsKey = "dqs0secret0key0value0abc1"
    static let password = "smtp-S3CR3T-password-9x"
    static let webhookToken = "webhook0secret0token0z7"
    static let secrets = [dqsKey, password, webhookToken]
    static let listed = "192.0.2.83"

    /// A free zone and a keyed one (`{key}.zen.test`), both listing ``listed``.
    static func zones() -> [RbldnsdZone] {
        ["xbl.test", "\(dqsKey).zen.test"].map { name in
            RbldnsdZone(
                name,
                "ip4set",
                [":127.0.0.2:test", "127.0.0.2", "\(listed) :127.0.0.4:Listed, see https://x.test/"]
            )
        }
    }

    static func catalog(http: FixtureHTTPServer) -> String {
        let codes =
            #"{"127.0.0.4": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high", "meaning": "bad"}}"#
        return """
            {"version": 1, "zones": [
              {"id": "xbl", "name": "Free XBL", "zone": "xbl.test", "kinds": ["ipv4"], "txt": true,
               "lookupURL": "\(http.baseURL)/results?query={target}", "codes": \(codes),
               "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},
              {"id": "zen", "name": "Keyed ZEN", "zone": "{key}.zen.test", "kinds": ["ipv4"], "txt": true, "wqs": "ZEN",
               "codes": \(codes), "access": {"type": "key"}, "status": {"state": "active"}, "tags": ["default"]}
            ]}
            """
    }

    /// The files of one run of the suite, and the command runner.
    struct Workspace {
        let directory: TemporaryDirectory
        let dns: RbldnsdServer
        var database: String { directory.file("state/blwatch.sqlite") }
        var feed: String { directory.file("out/feed.json") }
        var metrics: String { directory.file("out/blwatch.prom") }
        var config: String { directory.file("blwatch.yaml") }

        init(http: FixtureHTTPServer, dns: RbldnsdServer, sink: SMTPSink, certificates: TestCertificates) throws {
            directory = try TemporaryDirectory(prefix: "blwatch-secrets")
            self.dns = dns
            try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
            try directory.write("lists.json", SecretLeakTests.catalog(http: http))
            let yaml = """
                dqsKey: \(SecretLeakTests.dqsKey)
                feed: \(feed)
                metrics: \(metrics)
                reasons:
                  wqsURL: \(http.baseURL)/lookup/v1
                alerts:
                  email:
                    url: \(sink.url)
                    from: blwatch@example.net
                    to: postmaster@example.net
                    username: alerts
                    password: \(SecretLeakTests.password)
                    caFile: \(certificates.caFile)
                    heloName: blwatch.example.net
                  webhook:
                    url: \(http.baseURL)/hooks/T0001/B0002/\(SecretLeakTests.webhookToken)

                """
            try directory.write("blwatch.yaml", yaml)
        }

        func run(_ arguments: [String], servers: [String] = []) async throws -> CommandRun {
            try await CommandRun.blwatch(
                arguments + servers.flatMap { ["--server", $0] } + [
                    "--config", config, "--lists", directory.file("lists.json"), "--db", database,
                    "--server", dns.address.description, "--timeout", "1",
                ]
            )
        }

        /// Every file blwatch wrote: the history (with its WAL), the feed and the metrics.
        func writtenFiles() throws -> [String] {
            let state = try FileManager.default.contentsOfDirectory(atPath: directory.file("state"))
                .map { directory.file("state/\($0)") }
            return state + [feed, metrics]
        }
    }

    /// Fails for each secret found in `text`, in any case (DNS names may be lower-cased).
    static func expectNoSecret(_ text: String, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets where text.lowercased().contains(secret.lowercased()) {
            Issue.record("\(label) contains the secret \(secret)", sourceLocation: sourceLocation)
        }
    }

    static func expectNoSecret(_ run: CommandRun, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoSecret(run.stdout, "\(label) stdout", sourceLocation: sourceLocation)
        expectNoSecret(run.stderr, "\(label) stderr", sourceLocation: sourceLocation)
    }

    /// Fails for each secret found in the bytes of `path` (SQLite pages hold text as UTF-8).
    static func expectNoSecret(inFile path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let lowered = Data(bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
        for secret in secrets where lowered.range(of: Data(secret.lowercased().utf8)) != nil {
            Issue.record("\(path) holds the secret \(secret)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `body` with every server up: rbldnsd, the HTTP server (page, WQS, webhook) and an SMTP
    /// server that wants STARTTLS and AUTH with `accepting` as the password.
    static func withServers(
        wqsStatus: Int = 200,
        accepting: String = password,
        _ body: (Workspace, FixtureHTTPServer, SMTPSink) async throws -> Void
    ) async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        var options = SMTPSink.Options()
        options.starttls = certificates
        options.requireTLS = true
        options.auth = .init(user: "alerts", password: accepting)
        let routes = [
            FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html")),
            FixtureRoute(
                "/lookup/v1/ZEN/\(listed)",
                status: wqsStatus,
                headers: ["Content-Type": "application/json"],
                text: wqsStatus == 200 ? #"{"resp":[1004],"status":200}"# : #"{"status":\#(wqsStatus)}"#
            ),
            FixtureRoute("/hooks/T0001/B0002/\(webhookToken)", text: "ok"),
        ]
        try await withSMTPSink(options) { sink in
            try await withFixtureHTTPServer(routes) { http in
                try await withRbldnsd(zones()) { dns in
                    let workspace = try Workspace(http: http, dns: dns, sink: sink, certificates: certificates)
                    defer { workspace.directory.remove() }
                    try await body(workspace, http, sink)
                }
            }
        }
    }

    @Test func noCommandShowsOrStoresASecret() async throws {
        try await Self.withServers { workspace, http, sink in
            let scan = try await workspace.run(["scan", "--ip", Self.listed])
            #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")
            Self.expectNoSecret(scan, "scan")
            // Every secret was used: the keyed zone answered, WQS got the bearer key, the mail server
            // took the password, the webhook got its POST. Otherwise this test would prove nothing.
            #expect(scan.stdout.contains("on Keyed ZEN (zen)"), "\(scan.stdout)")
            #expect(scan.stdout.contains("alerts: email: sent 2 changes; webhook: sent 2 changes"), "\(scan.stdout)")
            let requests = try http.requests()
            #expect(requests.contains { $0.headers["authorization"] == "Bearer \(Self.dqsKey)" })
            #expect(requests.contains { $0.method == "POST" && $0.path.hasSuffix(Self.webhookToken) })
            #expect(try sink.sessions().first?.auth == "alerts")
            // The config is world-readable (0644): the scan and config check say so, by field name.
            let readable = "holds dqsKey and alerts.email.password and alerts.webhook.url and every user can read it"
            #expect(scan.stdout.contains(readable), "\(scan.stdout)")

            // A resolver that never answers comes first, so --verbose logs query names of the keyed zone.
            try await withScriptedDNSServer({ _, _ in .silence }) { silent in
                let verbose = try await workspace.run(
                    ["scan", "--verbose", "--ip", Self.listed],
                    servers: ["127.0.0.1:\(silent.port)"]
                )
                #expect(verbose.status == 1, "\(verbose.stderr)")
                #expect(verbose.stderr.contains("zen.test"), "no query name was logged:\n\(verbose.stderr)")
                #expect(verbose.stderr.contains("[redacted].zen.test"), "\(verbose.stderr)")
                Self.expectNoSecret(verbose, "scan --verbose")
            }

            let commands: [[String]] = [
                ["status"], ["status", "--json"], ["history", Self.listed], ["feed"],
                ["feed", "--out", workspace.feed, "--metrics", workspace.metrics], ["alert", "test"],
                ["config", "check"], ["config", "check", "--json"], ["lists"], ["lists", "--json"],
                ["lists", "test"], ["reason", Self.listed], ["reason", Self.listed, "--refresh", "--json"],
            ]
            for arguments in commands {
                let run = try await workspace.run(arguments)
                #expect([0, 1].contains(run.status), "\(arguments): \(run.status) \(run.stderr)")
                Self.expectNoSecret(run, arguments.joined(separator: " "))
            }
            let alertTest = try await workspace.run(["alert", "test"])
            #expect(alertTest.stdout.contains("webhook to \(http.baseURL)/…: sent"), "\(alertTest.stdout)")
            let check = try await workspace.run(["config", "check"])
            #expect(check.stdout.contains(readable), "\(check.stdout)")

            for file in try workspace.writtenFiles() { try Self.expectNoSecret(inFile: file) }

            // Private again: no warning.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.config)
            #expect(!(try await workspace.run(["config", "check"]).stdout.contains("every user can read it")))
        }
    }

    @Test func failuresShowNoSecretEither() async throws {
        // The mail server wants another password, WQS rejects the key, and the webhook path is gone.
        try await Self.withServers(wqsStatus: 401, accepting: "another-password") { workspace, http, sink in
            let scan = try await workspace.run(["scan", "--ip", Self.listed])
            #expect(scan.status == 1, "\(scan.stderr)")
            #expect(scan.stdout.contains("Spamhaus WQS rejected the DQS key (HTTP 401)"), "\(scan.stdout)")
            #expect(scan.stdout.contains("email alert not delivered"), "\(scan.stdout)")
            #expect(try sink.messages().isEmpty)
            Self.expectNoSecret(scan, "scan")

            let test = try await workspace.run(["alert", "test"])
            #expect(test.status == 74)
            #expect(test.stdout.contains("email to postmaster@example.net via \(sink.url): FAILED"), "\(test.stdout)")
            Self.expectNoSecret(test, "alert test")
            let status = try await workspace.run(["status", "--json"])
            #expect(try EndToEnd.decodeStatus(status.stdout).pendingAlerts >= 1)
            Self.expectNoSecret(status, "status --json")

            // The webhook server stops answering: the failure names the host, not the path.
            http.stop()
            let down = try await workspace.run(["alert", "test"])
            #expect(down.stdout.contains("webhook to http://127.0.0.1:"), "\(down.stdout)")
            #expect(down.stdout.contains("/…: FAILED"), "\(down.stdout)")
            Self.expectNoSecret(down, "alert test, webhook down")

            for file in try workspace.writtenFiles() { try Self.expectNoSecret(inFile: file) }
        }
    }

    /// Config errors quote values; never a secret's.
    @Test(arguments: [
        ("dqsKey: \(dqsKey)\nbogus: 1\n", ":2: bogus: unknown field"),
        ("dqsKey: \"\(dqsKey).x\"\n", ":1: dqsKey: not a DQS key"),
        (
            "alerts:\n  email:\n    url: smtp://mx.example.net\n    password: \(password)\n",
            ":3: alerts.email: a password needs a username"
        ),
        ("alerts:\n  webhook:\n    url: \"ftp://x/\(webhookToken)\"\n", ":3: alerts.webhook.url: "),
    ])
    func configErrorsQuoteNoSecret(text: String, message: String) async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-secrets")
        defer { directory.remove() }
        let path = try directory.write("blwatch.yaml", text)
        try directory.write("lists.json", EndToEnd.catalog)
        for command in [["config", "check"], ["scan", "--ip", Self.listed]] {
            let run = try await CommandRun.blwatch(
                command + [
                    "--config", path, "--lists", directory.file("lists.json"), "--db", directory.file("h.sqlite"),
                ]
            )
            #expect(run.status == 78)
            #expect(run.stderr.hasPrefix("blwatch: \(path)\(message)"), "\(run.stderr)")
            Self.expectNoSecret(run, command[0])
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("h.sqlite")))
    }
}
