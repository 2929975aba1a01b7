import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// The diagnosis names the cause a listing has, with the evidence and the exact change.
struct DiagnosisEngineTests {
    static let when = Date(timeIntervalSince1970: 1_795_950_000)

    static func listing(code: String = "127.0.0.4", helo: [String] = []) -> DiagnosisInput.Listing {
        let episode = ListingRecord(
            id: 1,
            subject: "192.0.2.83",
            zoneId: "zen",
            codes: code,
            meanings: "\(code): XBL",
            txt: nil,
            firstSeenAt: when,
            lastSeenAt: when,
            clearedAt: nil,
            openedRunId: 1,
            lastSeenRunId: 1,
            clearedRunId: nil
        )
        let reason = ListingReasonRecord(
            listingId: 1,
            source: .page,
            url: "https://check.example/",
            httpStatus: 200,
            fetchedAt: when,
            extract: ReasonExtract(
                pageVerdict: .listed,
                detectedAt: ["2026-11-29 10:15:00 UTC"],
                heloValues: helo,
                delistURL: "https://check.example/delist"
            )
        )
        return .init(episode: episode, reasons: helo.isEmpty ? [] : [reason], zone: AnswerClassifierTests.zone)
    }

    static func finding(_ kind: String, _ source: AuditFinding.Source, severity: AuditFinding.Severity = .critical)
        -> AuditFindingRecord
    {
        AuditFindingRecord(
            AuditFinding(
                kind: kind,
                severity: severity,
                source: source,
                subject: "s",
                title: "\(kind) title",
                evidence: ["\(kind) evidence"],
                fix: "\(kind) fix"
            ),
            at: when
        )
    }

    static let bounce = HELOCapture(
        capturedAt: when,
        peer: "127.0.0.1",
        command: "EHLO",
        argument: "",
        mailFrom: "<>",
        isBounce: true
    )

    @Test func theIncidentIsNamedWithTheSettingTheNameAndTheDelistLink() throws {
        let input = DiagnosisInput(
            listings: [Self.listing(helo: ["(empty)"])],
            findings: [Self.finding("eximHELOFromSender", .config), Self.finding("remoteRejectedEmptyHELO", .logs)],
            captures: [Self.bounce],
            confirmedNames: ["192.0.2.83": "mail.example.com"]
        )
        let diagnosis = DiagnosisEngine.diagnose(input)
        let top = try #require(diagnosis.causes.first)
        #expect(top.kind == "emptyHELOForBounces")
        #expect(top.listings == ["192.0.2.83 on zen (127.0.0.4 XBL)"])
        #expect(top.evidence.count == 4)
        #expect(top.evidence.contains { $0.contains("greeted EHLO \"\" for a bounce (MAIL FROM:<>)") })
        #expect(
            top.evidence.contains { $0.contains("lookup page: HELO seen (empty), detected 2026-11-29 10:15:00 UTC") }
        )
        #expect(
            top.fix.hasPrefix(
                "set REMOTE_SMTP_HELO_DATA (or helo_data in the remote_smtp transport) to a fixed name instead of "
                    + "$sender_address_domain to mail.example.com, whose address record holds 192.0.2.83 and whose PTR is mail.example.com,"
            )
        )
        #expect(top.fix.hasSuffix("; then request delisting: https://check.example/delist"))
        #expect(
            diagnosis.summary.hasPrefix("bounces leave with an empty HELO (explains 192.0.2.83 on zen (127.0.0.4 XBL))")
        )
    }

    @Test func withoutEvidenceThereIsNoCause() {
        let diagnosis = DiagnosisEngine.diagnose(
            DiagnosisInput(listings: [Self.listing()], findings: [], captures: [], confirmedNames: [:])
        )
        #expect(diagnosis.causes.isEmpty)
        #expect(diagnosis.summary.hasPrefix("no cause found"))
        // A correct HELO captured is no evidence of anything.
        var good = Self.bounce
        good.argument = "mail.example.com"
        let clean = DiagnosisInput(listings: [], findings: [], captures: [good], confirmedNames: [:])
        #expect(DiagnosisEngine.diagnose(clean).causes.isEmpty)
    }

    @Test func causesThatExplainAListingComeFirst() {
        let input = DiagnosisInput(
            listings: [Self.listing(code: "127.0.0.10")],
            findings: [
                Self.finding("heloNotPTR", .dns, severity: .warning),
                Self.finding("ptrGeneric", .dns, severity: .warning),
            ],
            captures: [],
            confirmedNames: [:]
        )
        let causes = DiagnosisEngine.diagnose(input).causes
        // 127.0.0.10 is not XBL in the test zone: only reverse DNS explains it (as an undocumented code it
        // is a plain listing, so neither explains it; the order then follows the weight).
        #expect(Set(causes.map(\.kind)) == ["badHELOName", "noForwardConfirmedReverseDNS"])
    }

    @Test func aPolicyListingIsNotExplainedByTheGreeting() throws {
        var pbl = Self.listing(code: "127.0.0.10")
        pbl.reasons = [
            ListingReasonRecord(
                listingId: 1,
                source: .page,
                url: "https://check.example/",
                fetchedAt: Self.when,
                extract: ReasonExtract(pageVerdict: .listed, reasons: ["With a proper PTR and HELO, request removal."])
            )
        ]
        let input = DiagnosisInput(
            listings: [Self.listing(helo: ["(empty)"]), pbl],
            findings: [],
            captures: [Self.bounce],
            confirmedNames: [:]
        )
        let top = try #require(DiagnosisEngine.diagnose(input).causes.first)
        #expect(top.listings == ["192.0.2.83 on zen (127.0.0.4 XBL)"])
    }

    @Test func aNonFQDNHELOOnTheListsPageIsEvidence() throws {
        let input = DiagnosisInput(
            listings: [Self.listing(helo: ["localhost"])],
            findings: [],
            captures: [],
            confirmedNames: [:]
        )
        let cause = try #require(DiagnosisEngine.diagnose(input).causes.first)
        #expect(cause.kind == "badHELOName" && cause.severity == .critical)
        #expect(cause.evidence == ["zen lookup page: HELO seen \"localhost\", not a fully qualified name"])
        #expect(HELOName.looksQualified("mail.example.com") && HELOName.looksQualified("[192.0.2.1]"))
        #expect(!HELOName.looksQualified("localhost") && !HELOName.looksQualified("192.0.2.1"))
    }
}

/// The DNS audit of a scan stays small whatever the scan's size.
struct AuditedTargetsTests {
    @Test func atMost256AddressesNamedOnesFirst() throws {
        let singles = (1...300).map { Target(.single(Subject("198.51.100.\($0 % 256)")!)) }
        let named = Target(.single(Subject("192.0.2.83")!), expectedHELO: "mail.example.com")
        let range = Target(.network(try IPNetwork("203.0.113.0/24")))
        let chosen = AuditJob.auditedTargets(singles + [range, named, named])
        #expect(chosen.first == named)
        #expect(chosen.count == 256)
        #expect(!chosen.contains(range))
        #expect(AuditJob.auditedTargets([range, named]) == [named, range])
    }
}
