import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// The motivating incident (DOMAIN.md §0) end to end, with every real part: a listing on XBL whose
/// lookup page reports an empty HELO, Debian's real Exim with `helo_data = $sender_address_domain`
/// delivering a message and a bounce to `blwatch helo-catch`, and `blwatch diagnose` naming the cause
/// and the change. With a fixed `helo_data`, the capture holds no such evidence.
@Suite(.enabled(if: RealExim.isAvailable && Tool.required("rbldnsd")))
struct IncidentTests {
    static let messages = [
        RealExim.Message(from: "alice@sender.test", to: "rcpt@remote.test"),
        RealExim.Message(from: "<>", to: "rcpt@remote.test"),
    ]

    /// Runs `blwatch helo-catch` on a free port until it has two captures, while Exim delivers.
    static func catchGreetings(_ workspace: ReasonFixtures.Workspace, heloData: String) async throws -> CommandRun {
        let (port, command) = try await HELOCatchRun.start { port in
            try await workspace.run(["helo-catch", "--listen", "127.0.0.1:\(port)", "--count", "2", "--duration", "60"])
        }
        _ = try await RealExim.deliver(messages, port: port, heloData: heloData)
        return try await command.value
    }

    @Test func anEmptyHELOForBouncesIsFoundAndExplained() async throws {
        let route = FixtureRoute("/results", body: try ReasonFixtures.page("spamhaus-listed-helo.html"))
        let cases = [ReasonFixtures.Case(id: "xbl", address: "192.0.2.83", route: route)]
        try await withFixtureHTTPServer([route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns)
                defer { workspace.directory.remove() }
                #expect(try await workspace.run(["scan", "--ip", "192.0.2.83"]).status == 1)

                let caught = try await Self.catchGreetings(workspace, heloData: "$sender_address_domain")
                #expect(caught.status == 0, "\(caught.stderr)")
                #expect(
                    caught.stdout.contains("EHLO \"sender.test\" MAIL FROM:<alice@sender.test>"),
                    "\(caught.stdout)"
                )
                #expect(caught.stdout.contains("EHLO \"\" MAIL FROM:<> (bounce)"), "\(caught.stdout)")

                let diagnosis = try await workspace.run(["diagnose"])
                #expect(diagnosis.status == 1, "\(diagnosis.stdout)\(diagnosis.stderr)")
                #expect(
                    diagnosis.stdout.contains("1. bounces leave with an empty HELO [critical]"),
                    "\(diagnosis.stdout)"
                )
                #expect(diagnosis.stdout.contains("explains: 192.0.2.83 on xbl (127.0.0.4 XBL)"))
                #expect(diagnosis.stdout.contains("greeted EHLO \"\" for a bounce (MAIL FROM:<>)"))
                #expect(diagnosis.stdout.contains("xbl lookup page: HELO seen (empty)"))
                #expect(diagnosis.stdout.contains("so bounces (null sender) greet like all other mail"))
                // The next scan's report carries the diagnosis too, and so does its JSON.
                let scan = try await workspace.run(["scan", "--ip", "192.0.2.83", "--json"])
                let report = try EndToEnd.decodeScan(scan.stdout)
                #expect(report.diagnosis?.causes.first?.kind == "emptyHELOForBounces")
            }
        }
    }

    @Test func aFixedHELOLeavesNoSuchEvidence() async throws {
        try await Self.withListingWithoutPage { workspace in
            let caught = try await Self.catchGreetings(workspace, heloData: "mail.example.com")
            #expect(caught.stdout.contains("EHLO \"mail.example.com\" MAIL FROM:<> (bounce)"), "\(caught.stdout)")
            let diagnosis = try await workspace.run(["diagnose", "192.0.2.83"])
            #expect(!diagnosis.stdout.contains("empty HELO"), "\(diagnosis.stdout)")
        }
    }

    @Test func aFixCapturedLaterClearsTheCause() async throws {
        try await Self.withListingWithoutPage { workspace in
            _ = try await Self.catchGreetings(workspace, heloData: "$sender_address_domain")
            #expect(try await workspace.run(["diagnose"]).stdout.contains("bounces leave with an empty HELO"))
            // The operator fixes helo_data and checks again: the newer greetings win.
            _ = try await Self.catchGreetings(workspace, heloData: "mail.example.com")
            let after = try await workspace.run(["diagnose"])
            #expect(!after.stdout.contains("empty HELO"), "\(after.stdout)")
        }
    }

    /// A workspace where one scan has listed 192.0.2.83 on XBL, with a lookup page that gives nothing.
    static func withListingWithoutPage(_ body: (ReasonFixtures.Workspace) async throws -> Void) async throws {
        let cases = [
            ReasonFixtures.Case(
                id: "xbl",
                address: "192.0.2.83",
                route: FixtureRoute("/none", status: 404, text: "none")
            )
        ]
        try await withFixtureHTTPServer([cases[0].route]) { http in
            try await withRbldnsd(ReasonFixtures.zones(cases)) { dns in
                let workspace = try ReasonFixtures.Workspace(cases, http: http, dns: dns)
                defer { workspace.directory.remove() }
                #expect(try await workspace.run(["scan", "--ip", "192.0.2.83"]).status == 1)
                try await body(workspace)
            }
        }
    }
}
