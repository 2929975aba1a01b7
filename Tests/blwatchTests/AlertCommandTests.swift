import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Alerts end to end: the built binary, a real rbldnsd, a real SMTP server (aiosmtpd) with STARTTLS
/// and AUTH, lookup pages from a real HTTP server, and the outbox on disk.
@Suite(.enabled(if: Tool.required("rbldnsd") && Tool.required("openssl") && SMTPSink.isAvailable))
struct AlertCommandTests {
    static let password = "s3cret-smtp-pass"
    static let environment = ["BLWATCH_TEST_SMTP_PASSWORD": password]

    private func page() throws -> FixtureRoute {
        FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
    }

    @Test func aNewListingMailsExactlyOneDigestWithItsReason() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        var options = SMTPSink.Options()
        options.starttls = certificates
        options.requireTLS = true
        options.auth = .init(user: "alerts", password: Self.password)
        let route = try page()
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withSMTPSink(options) { sink in
            try await withFixtureHTTPServer([route]) { http in
                try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                    let config = emailAlerts(url: sink.url, certificates: certificates, user: "alerts")
                    let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                    defer { workspace.directory.remove() }
                    let scan = try await workspace.run(
                        ["scan", "--ip", "192.0.2.80/29"],
                        environment: Self.environment
                    )
                    #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")
                    #expect(scan.stdout.contains("alerts: email: sent 1 change"), "\(scan.stdout)")
                    #expect(!scan.stdout.contains(Self.password) && !scan.stderr.contains(Self.password))

                    let messages = try sink.messages()
                    try #require(messages.count == 1)
                    let mail = ReceivedMail(messages[0])
                    #expect(mail.headers["subject"] == "[blwatch] 192.0.2.83 listed on List xbl")
                    #expect(mail.headers["from"] == "blwatch@example.net")
                    #expect(mail.headers["to"] == "postmaster@example.net, ops@example.org")
                    #expect(mail.headers["date"]?.hasSuffix("+0000") == true)
                    #expect(mail.headers["message-id"]?.hasPrefix("<blwatch.") == true)
                    #expect(mail.headers["auto-submitted"] == "auto-generated")
                    #expect(mail.headers["content-type"]?.hasPrefix("multipart/alternative") == true)
                    for expected in [
                        "NEW LISTING  192.0.2.83 listed on List xbl (xbl)", "127.0.0.4 XBL: exploited host or bad HELO",
                        "HELO seen: (empty)", "2026-11-29 10:15:00 UTC", "empty HELO value", "delist:", "since:",
                    ] {
                        #expect(mail.text.contains(expected), "\(expected) missing from\n\(mail.text)")
                    }
                    let session = try #require(try sink.sessions().first)
                    #expect(session.tls && session.auth == "alerts" && session.ehlo == "blwatch.example.net")
                    #expect(session.recipients == ["postmaster@example.net", "ops@example.org"])

                    // No change, no mail.
                    #expect(
                        try await workspace.run(["scan", "--ip", "192.0.2.80/29"], environment: Self.environment).status
                            == 1
                    )
                    #expect(try sink.messages().count == 1)
                }
            }
        }
    }

    @Test func anUnknownVerdictSendsNothingAndADelistingDoes() async throws {
        let route = try page()
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withSMTPSink { sink in
            try await withFixtureHTTPServer([route]) { http in
                try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                    let workspace = try ReasonFixtures.Workspace(
                        cases,
                        http: http,
                        dns: dns,
                        config: emailAlerts(url: sink.url)
                    )
                    defer { workspace.directory.remove() }
                    let scan = ["scan", "--ip", "192.0.2.83"]
                    #expect(try await workspace.run(scan).status == 1)
                    #expect(try sink.messages().count == 1)
                    dns.pause()
                    let dark = try await workspace.run(scan)
                    dns.resume()
                    #expect(dark.status == 2)
                    // The resolver going dark is one event about the resolver; the listing stays quiet.
                    let afterDark = try sink.messages().map(ReceivedMail.init)
                    #expect(afterDark.count == 2)
                    #expect(afterDark.last?.headers["subject"]?.contains("resolver") == true)
                    #expect(afterDark.last?.text.contains("NEW LISTING") == false)
                    #expect(afterDark.last?.text.contains("DELISTED") == false)

                    try await dns.update(
                        ReasonFixtures.zones(cases).map { zone in
                            RbldnsdZone(zone.name, zone.dataset, Array(zone.lines.dropLast()))
                        }
                    )
                    #expect(try await workspace.run(scan).status == 0)
                    let last = try #require(try sink.messages().last.map(ReceivedMail.init))
                    #expect(last.headers["subject"] == "[blwatch] 2 changes: 1 delisted, 1 resolver fit")
                    #expect(last.text.contains("DELISTED  192.0.2.83 delisted from List xbl"))
                }
            }
        }
    }

    @Test func aMailServerDownForOneScanGetsTheAlertOnceWhenBack() async throws {
        let port = try reserveLoopbackPort()
        let route = try page()
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withFixtureHTTPServer([route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let config = emailAlerts(url: "smtp://127.0.0.1:\(port)")
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                defer { workspace.directory.remove() }
                let scan = ["scan", "--ip", "192.0.2.83"]
                let first = try await workspace.run(scan)
                // The scan succeeds (exit 1 is "listed") and says the mail is waiting.
                #expect(first.status == 1)
                #expect(first.stdout.contains("email alert not delivered"), "\(first.stdout)")
                #expect(try await workspace.status().pendingAlerts == 1)
                #expect(try await workspace.run(["status"]).stdout.contains("1 alert waiting in the outbox"))

                let sink = try await SMTPSink.start(onPort: port)
                defer { sink.stop() }
                let second = try await workspace.run(scan)
                #expect(second.stdout.contains("alerts: email: sent 1 change"), "\(second.stdout)")
                #expect(try sink.messages().count == 1)
                #expect(try await workspace.status().pendingAlerts == 0)
                _ = try await workspace.run(scan)
                #expect(try sink.messages().count == 1)
                #expect(
                    ReceivedMail(try sink.messages()[0]).headers["subject"] == "[blwatch] 192.0.2.83 listed on List xbl"
                )
            }
        }
    }

    @Test func confirmWaitsForConsecutiveSightings() async throws {
        let route = try page()
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withSMTPSink { sink in
            try await withFixtureHTTPServer([route]) { http in
                try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                    let config = emailAlerts(url: sink.url, confirm: 2)
                    let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                    defer { workspace.directory.remove() }
                    #expect(try await workspace.run(["scan", "--ip", "192.0.2.83"]).status == 1)
                    #expect(try sink.messages().isEmpty)
                    #expect(try await workspace.run(["scan", "--ip", "192.0.2.83"]).status == 1)
                    #expect(try sink.messages().count == 1)
                }
            }
        }
    }

    @Test func webhooksGetTheDigestAndAlertTestReportsEachChannel() async throws {
        let hook = FixtureRoute("/hook", text: "ok")
        let slack = FixtureRoute("/slack", text: "ok")
        let route = try page()
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withSMTPSink { sink in
            try await withFixtureHTTPServer([route, hook, slack]) { http in
                try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                    let config =
                        emailAlerts(url: sink.url) + "  webhook:\n    url: \(http.baseURL)/hook\n    format: generic\n"
                    let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns, config: config)
                    defer { workspace.directory.remove() }
                    #expect(try await workspace.run(["scan", "--ip", "192.0.2.83"]).status == 1)
                    let posted = try #require(try http.requests().first { $0.path == "/hook" })
                    #expect(posted.method == "POST" && posted.headers["content-type"] == "application/json")
                    let document = try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any]
                    let events = document?["events"] as? [[String: Any]]
                    #expect(document?["summary"] as? String == "[blwatch] 192.0.2.83 listed on List xbl")
                    #expect(events?.first?["kind"] as? String == "listed")
                    #expect(events?.first?["subject"] as? String == "192.0.2.83")

                    try workspace.configure(
                        emailAlerts(url: sink.url) + "  webhook:\n    url: \(http.baseURL)/slack\n    format: slack\n"
                    )
                    let test = try await workspace.run(["alert", "test"])
                    #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
                    #expect(
                        test.stdout.contains("email to postmaster@example.net, ops@example.org via \(sink.url): sent")
                    )
                    // The webhook path may be its credential (Slack): only the host is shown.
                    #expect(test.stdout.contains("webhook to \(http.baseURL)/…: sent"))
                    let text = try #require(try http.requests().first { $0.path == "/slack" }?.body)
                    #expect(text.hasPrefix(#"{"text":"*[blwatch] test alert from"#))
                    #expect(try sink.messages().count == 2)

                    sink.stop()
                    let failed = try await workspace.run(["alert", "test"])
                    #expect(failed.status == 74)
                    #expect(
                        failed.stdout.contains(
                            "email to postmaster@example.net, ops@example.org via \(sink.url): FAILED"
                        )
                    )
                }
            }
        }
    }
}
