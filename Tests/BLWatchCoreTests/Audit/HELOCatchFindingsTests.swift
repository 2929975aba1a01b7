import BLWatchCore
import Foundation
import Testing

/// `HELOCatchFindings`: captured greetings in, findings out.
struct HELOCatchFindingsTests {
    private func capture(_ argument: String, from mailFrom: String?, command: String = "EHLO") -> HELOCapture {
        HELOCapture(
            capturedAt: Date(timeIntervalSince1970: 1_795_975_262),
            peer: "192.0.2.25",
            command: command,
            argument: argument,
            mailFrom: mailFrom
        )
    }

    @Test func emptyEHLOOnBouncesIsCritical() throws {
        let findings = HELOCatchFindings.findings(for: [
            capture("sender.test", from: "<alice@sender.test>"), capture("", from: "<>"),
        ])
        let empty = try #require(findings.first { $0.kind == "heloEmpty" })
        #expect(empty.severity == .critical)
        #expect(empty.source == .heloCatch)
        #expect(empty.subject == "192.0.2.25")
        #expect(empty.evidence.contains { $0.hasPrefix("bounces (MAIL FROM:<>) greet with an empty EHLO") })
        #expect(empty.evidence.contains { $0.contains("$sender_address_domain") })
        #expect(empty.fix.contains("helo_data"))
        #expect(findings.first?.kind == "heloEmpty")
    }

    @Test func emptyEHLOWithASenderSaysSo() throws {
        let findings = HELOCatchFindings.findings(for: [capture("", from: "<alice@sender.test>")])
        let empty = try #require(findings.first { $0.kind == "heloEmpty" })
        #expect(!empty.evidence.contains { $0.hasPrefix("bounces") })
        #expect(empty.evidence.contains { $0.contains("non-null sender") })
    }

    @Test func fixedFQDNGivesNoFinding() {
        let captures = [capture("mail.example.com", from: "<a@sender.test>"), capture("mail.example.com", from: "<>")]
        #expect(HELOCatchFindings.findings(for: captures).isEmpty)
        #expect(HELOCatchFindings.findings(for: captures, expectedName: "MAIL.example.com.").isEmpty)
        #expect(HELOCatchFindings.findings(for: []).isEmpty)
    }

    @Test(arguments: ["localhost", "mail", "192.0.2.25", "[192.0.2.25]", "bad_name.example.com", "-a.example.com"])
    func nonFQDNIsFlagged(name: String) throws {
        let findings = HELOCatchFindings.findings(for: [capture(name, from: "<a@sender.test>")])
        let finding = try #require(findings.first)
        #expect(findings.map(\.kind) == ["heloCapturedNotFQDN"])
        #expect(finding.subject == name)
        #expect(finding.severity == .warning)
    }

    @Test func nameOtherThanTheExpectedOneIsAMismatch() throws {
        let findings = HELOCatchFindings.findings(
            for: [capture("sender.test", from: "<alice@sender.test>"), capture("mail.example.com", from: "<>")],
            expectedName: "mail.example.com"
        )
        #expect(findings.map(\.kind) == ["heloCapturedMismatch"])
        let mismatch = try #require(findings.first)
        #expect(mismatch.subject == "sender.test")
        #expect(mismatch.evidence.contains { $0.contains("$sender_address_domain") })
        #expect(mismatch.fix.contains("helo_data = mail.example.com"))
    }
}
