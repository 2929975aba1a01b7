import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Issue 4's end-to-end check: Debian's real Exim delivers to `helo-catch`, and what it greets with is
/// what DOMAIN.md §0 says. Needs `scripts/install-mta-test-deps` (run as root); under `CI=true` a missing
/// Exim fails.
@Suite(.enabled(if: RealExim.isAvailable, "needs Exim: run scripts/install-mta-test-deps as root"))
struct HELOCatchEximTests {
    private static let messages = [
        RealExim.Message(from: "alice@sender.test", to: "rcpt@remote.test"),
        RealExim.Message(from: "<>", to: "rcpt@remote.test"),
    ]

    /// Runs Exim with `heloData` against an in-process catcher and returns the two captures, normal first.
    private func captures(heloData: String) async throws -> [HELOCapture] {
        let log = HELOCaptureLog()
        let catcher = try await HELOCatcher.start(
            host: "127.0.0.1",
            port: 0,
            options: HELOCatcher.Options(hostname: "catcher.remote.test"),
            onCapture: log.record
        )
        let run: RealExim.Run
        do {
            run = try await RealExim.deliver(Self.messages, port: catcher.port, heloData: heloData)
        } catch {
            await catcher.stop()
            throw error
        }
        let captures = await log.wait(for: 2)
        await catcher.stop()
        // Both were refused at RCPT with the catcher's 550, so Exim gave up on them (no retry).
        #expect(run.mainlog.components(separatedBy: "550 5.7.0 blwatch helo-catch").count - 1 == 2, "\(run.mainlog)")
        #expect(run.paniclog.isEmpty, "\(run.paniclog)")
        #expect(captures.count == 2, "\(captures)\n\(run.mainlog)")
        return captures.sorted { ($0.isBounce ? 1 : 0) < ($1.isBounce ? 1 : 0) }
    }

    @Test func senderDomainHELOGivesBouncesAnEmptyEHLO() async throws {
        let captures = try await captures(heloData: "$sender_address_domain")
        try #require(captures.count == 2)
        #expect(captures[0].command == "EHLO")
        #expect(captures[0].argument == "sender.test")
        #expect(captures[0].mailFrom == "<alice@sender.test>")
        #expect(captures[1].command == "EHLO")
        #expect(captures[1].argument == "")
        #expect(captures[1].mailFrom == "<>")
        #expect(captures[1].isBounce)
        let findings = HELOCatchFindings.findings(for: captures)
        let empty = try #require(findings.first { $0.kind == "heloEmpty" })
        #expect(empty.severity == .critical)
        #expect(empty.evidence.contains { $0.contains("bounces (MAIL FROM:<>) greet with an empty EHLO") })
    }

    @Test func fixedHELOGreetsTheSameForBounces() async throws {
        let captures = try await captures(heloData: "mail.example.com")
        #expect(captures.map(\.argument) == ["mail.example.com", "mail.example.com"])
        #expect(captures.map(\.command) == ["EHLO", "EHLO"])
        #expect(captures.map(\.mailFrom) == ["<alice@sender.test>", "<>"])
        let findings = HELOCatchFindings.findings(for: captures, expectedName: "mail.example.com")
        #expect(!findings.contains { $0.kind == "heloEmpty" })
        #expect(findings.isEmpty)
    }
}
