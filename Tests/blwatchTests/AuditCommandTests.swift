import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch audit logs` and `blwatch audit config` on the saved logs and configurations of the
/// core tests (`Tests/BLWatchCoreTests/Fixtures`), through the built binary.
struct AuditCommandTests {
    /// A fixture of the core tests, by path (this target reads fixtures by `#filePath`).
    static func fixture(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BLWatchCoreTests/Fixtures").appendingPathComponent(relative).path
    }

    /// `blwatch audit ARGUMENTS` with a history of its own (findings are stored there).
    static func audit(_ arguments: [String], database: String? = nil) async throws -> CommandRun {
        let directory = try TemporaryDirectory(prefix: "blwatch-audit")
        defer { if database == nil { directory.remove() } }
        return try await CommandRun.blwatch(
            ["audit"] + arguments + ["--db", database ?? directory.file("history.sqlite")]
        )
    }

    @Test func logsOfTheIncidentExitOneWithTheFix() async throws {
        let path = Self.fixture("maillog/exim-empty-helo-bounces.log")
        let run = try await Self.audit(["logs", path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("Rejections: 3 (bounces 3, normal 0, sender unknown 0)"))
        #expect(run.stdout.contains("gmail-smtp-in.l.google.com [142.250.102.27]"))
        #expect(run.stdout.contains("[CRITICAL] remoteRejectedEmptyHELO"))
        #expect(
            run.stdout.contains(
                "fix: bounces leave with an empty HELO: set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to a fixed FQDN"
            )
        )
    }

    @Test func logsAsJSON() async throws {
        let path = Self.fixture("maillog/postfix-blocklist.log")
        let run = try await Self.audit(["logs", "--json", path])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONDecoder().decode(MTALogReport.self, from: Data(run.stdout.utf8))
        #expect(report.tally(.blocklist).rejections == 4)
        #expect(report.listedAddresses == ["192.0.2.25"])
        #expect(report.findings.map(\.kind) == ["blocklistRejection"])
    }

    @Test func logsThatCannotBeReadExit74() async throws {
        let run = try await Self.audit(["logs", "/nonexistent/mainlog"])
        #expect(run.status == 74)
        #expect(run.stderr.contains("blwatch: cannot read any of the files given"))
    }

    @Test func configFlagsTheDebianMacro() async throws {
        let path = Self.fixture("mtaconfig/exim4.conf.localmacros")
        let run = try await Self.audit(["config", path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("[CRITICAL] eximHELOFromSender"))
        #expect(run.stdout.contains("\(path):9: REMOTE_SMTP_HELO_DATA = $sender_address_domain"))
    }

    @Test func configOfAGoodSetupExitsZero() async throws {
        let paths = ["mtaconfig/exim-good.conf", "mtaconfig/main.cf"].map(Self.fixture)
        let run = try await Self.audit(["config"] + paths)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("No HELO problem found"))
    }

    @Test func findingsAreKeptForTheDiagnosis() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-audit-history")
        defer { directory.remove() }
        let database = directory.file("history.sqlite")
        let logs = Self.fixture("maillog/exim-empty-helo-bounces.log")
        _ = try await Self.audit(["logs", logs], database: database)
        _ = try await Self.audit(["config", Self.fixture("mtaconfig/exim4.conf.localmacros")], database: database)
        let diagnosis = try await CommandRun.blwatch(["diagnose", "--db", database])
        #expect(diagnosis.stdout.contains("1. bounces leave with an empty HELO [critical]"), "\(diagnosis.stdout)")
        #expect(diagnosis.stdout.contains("MTA log: "), "\(diagnosis.stdout)")
        #expect(diagnosis.stdout.contains("MTA config: "), "\(diagnosis.stdout)")
        #expect(diagnosis.stdout.contains("instead of $sender_address_domain"))
        // Nothing is listed in this history: the cause explains no listing, so the exit status is 0.
        #expect(diagnosis.status == 0)
    }
}
