import BLWatchCore
import Foundation
import Testing

/// `MTALogScanner` on the saved logs of `Fixtures/maillog`: exact counts, bounce linkage, findings.
struct MTALogScannerTests {
    /// Every maillog fixture with the counts it must give: cause → (rejections, bounces, normal).
    static let expected: [(file: String, causes: [MTALogReport.Cause: [Int]])] = [
        ("exim-empty-helo-bounces.log", [.emptyHELO: [3, 3, 0]]),
        ("exim-old-ids.log", [.nonFQDN: [2, 1, 1], .unknownHELO: [2, 0, 2]]),
        ("postfix-non-fqdn.log", [.nonFQDN: [2, 1, 1]]),
        ("postfix-blocklist.log", [.blocklist: [4, 1, 3]]),
    ]

    @Test(arguments: expected)
    func countsByCause(file: String, causes: [MTALogReport.Cause: [Int]]) throws {
        let report = try MTALogScanner().scan(paths: [Fixtures.path("maillog/\(file)")])
        for cause in MTALogReport.Cause.allCases {
            let tally = report.tally(cause)
            let want = causes[cause] ?? [0, 0, 0]
            #expect([tally.rejections, tally.bounces, tally.normal] == want, "\(file) \(cause)")
            #expect(tally.unknown == 0, "\(file) \(cause)")
        }
        #expect(report.warnings.isEmpty)
        #expect(report.files.first?.unrecognizedLines == 0)
        #expect(Set(report.findings.map(\.kind)) == Set(causes.keys.map(\.findingKind)))
    }

    @Test func everyMaillogFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("maillog"))
        #expect(Set(files) == Set(Self.expected.map(\.file)))
    }

    @Test func theIncidentIsBouncesWithAnEmptyHELO() throws {
        let path = Fixtures.path("maillog/exim-empty-helo-bounces.log")
        let report = try MTALogScanner().scan(paths: [path])
        #expect(report.files.map(\.format) == ["exim"])
        #expect(report.files.first?.lines == 31)
        #expect(
            report.byRemote.map(\.key) == [
                "gmail-smtp-in.l.google.com [142.250.102.27]", "mx.example.net [203.0.113.25]",
            ]
        )
        #expect(report.byRemote.map(\.rejections) == [2, 1])
        #expect(report.byDay.map(\.key) == ["2025-03-04", "2025-03-05"])
        #expect(report.byDay.map(\.rejections) == [2, 1])
        #expect(report.tally(.emptyHELO).onlyBounces)
        let finding = try #require(report.findings.first)
        #expect(finding.kind == "remoteRejectedEmptyHELO")
        #expect(finding.severity == .critical)
        #expect(finding.source == .logs)
        #expect(finding.subject == path)
        #expect(
            finding.fix
                == "bounces leave with an empty HELO: set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to a fixed FQDN"
        )
        #expect(finding.evidence.count == 3)
        #expect(finding.evidence[0].contains("Remote host closed connection in response to HELO  (EHLO response"))
        #expect(finding.evidence[1].contains("after HELO : 501 Syntax: HELO hostname"))
        #expect(finding.evidence.allSatisfy { $0.count <= 220 && !$0.contains("\n") })
        #expect(report.hasCritical)
    }

    @Test func oldSixteenCharacterIdsLinkBouncesToo() throws {
        let report = try MTALogScanner().scan(paths: [Fixtures.path("maillog/exim-old-ids.log")])
        #expect(report.byRemote.map(\.key) == ["mx.example.net [203.0.113.25]", "mx1.example.com [198.51.100.10]"])
        #expect(report.byRemote.map(\.rejections) == [2, 2])
        #expect(report.byDay.map(\.key) == ["2024-11-18", "2024-11-19"])
        let nonFQDN = try #require(report.findings.first { $0.kind == "remoteRejectedNonFQDN" })
        #expect(nonFQDN.severity == .warning)
        #expect(nonFQDN.fix.hasPrefix("set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to the fully-qualified name"))
        #expect(report.findings.map(\.kind) == ["remoteRejectedNonFQDN", "remoteRejectedUnknownHELO"])
        #expect(!report.hasCritical)
    }

    @Test func postfixLinksNotificationsAndNullSenders() throws {
        let report = try MTALogScanner().scan(paths: [Fixtures.path("maillog/postfix-non-fqdn.log")])
        #expect(report.files.map(\.format) == ["postfix"])
        #expect(report.byRemote.map(\.key) == ["mx.example.net [203.0.113.25]", "mx1.example.com [198.51.100.10]"])
        #expect(report.byDay.map(\.key) == ["--03-04"])
        let finding = try #require(report.findings.first)
        #expect(finding.kind == "remoteRejectedNonFQDN")
        #expect(finding.fix.hasPrefix("set smtp_helo_name (or myhostname) to the fully-qualified name"))
        #expect(finding.evidence.count == 2)
        #expect(finding.evidence[0].contains("6E3F94B1E5"), "bounces first")
    }

    @Test func blocklistRejectionsNameTheListAndTheAddress() throws {
        let report = try MTALogScanner().scan(paths: [Fixtures.path("maillog/postfix-blocklist.log")])
        #expect(report.listedAddresses == ["192.0.2.25"])
        #expect(report.lists == ["Spamhaus"])
        #expect(report.byRemote.count == 4)
        #expect(report.byRemote.allSatisfy { $0.rejections == 1 })
        #expect(report.byDay.map(\.key) == ["2025-03-06"])
        let finding = try #require(report.findings.first)
        #expect(finding.kind == "blocklistRejection")
        #expect(
            finding.title.hasPrefix("Remote servers refused our mail as listed on Spamhaus: 4 rejections by 4 hosts")
        )
        #expect(finding.fix.contains("192.0.2.25"))
        #expect(finding.evidence.count == 3)
    }

    @Test func filesTogetherAddUp() throws {
        let paths = Self.expected.map { Fixtures.path("maillog/\($0.file)") }
        let report = try MTALogScanner().scan(paths: paths)
        #expect(report.total.rejections == 13)
        #expect(report.total.bounces == 6)
        #expect(report.total.normal == 7)
        #expect(report.linesRead == 112)
        #expect(
            report.byDay.map(\.key) == [
                "--03-04", "2024-11-18", "2024-11-19", "2025-03-04", "2025-03-05", "2025-03-06",
            ]
        )
        #expect(
            report.findings.map(\.kind)
                == MTALogReport.Cause.allCases.filter { $0 != .heloSyntax && $0 != .heloRejected }.map(\.findingKind)
        )
    }

    @Test func theReportRoundTripsThroughJSON() throws {
        let report = try MTALogScanner().scan(paths: [Fixtures.path("maillog/exim-empty-helo-bounces.log")])
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(MTALogReport.self, from: data) == report)
        let text = report.text
        #expect(text.contains("empty HELO"))
        #expect(text.contains("[CRITICAL] remoteRejectedEmptyHELO"))
    }

    @Test func noReadableFileThrows() {
        let error = #expect(throws: MTAAuditError.self) {
            try MTALogScanner().scan(paths: ["/nonexistent/mainlog"])
        }
        #expect(error?.status == .ioFailure)
        #expect(error?.summary.contains("/nonexistent/mainlog") == true)
    }

    @Test func anUnreadableFileAmongOthersIsAWarning() throws {
        let report = try MTALogScanner().scan(paths: [
            "/nonexistent/mainlog", Fixtures.path("maillog/exim-old-ids.log"),
        ])
        #expect(report.warnings == ["/nonexistent/mainlog: cannot read: No such file or directory"])
        #expect(report.total.rejections == 4)
    }
}
