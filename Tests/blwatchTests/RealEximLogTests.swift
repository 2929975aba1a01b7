import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// The log audit on a mainlog it was not tuned to: what Debian's real Exim writes when a Gmail-like
/// receiver refuses its bounce's empty EHLO with 501 and hangs up (DOMAIN.md §0, REAL-MTA-TESTS.md
/// pitfall 11: half-close, so Exim logs "Remote host closed connection in response to HELO").
@Suite(.enabled(if: RealExim.isAvailable))
struct RealEximLogTests {
    static let gmailLike: [ScriptedLineServer.Step] = [
        .send("220 mx.google.test ESMTP gsmtp\r\n"),
        .expect("EHLO"),
        .send(
            "501-5.5.4 Empty HELO/EHLO argument not allowed, closing connection.\r\n"
                + "501 5.5.4  https://support.google.com/mail/?p=helo - gsmtp\r\n"
        ),
        .close,
    ]

    @Test func aBounceRefusedForItsEmptyEHLOIsCountedAndLinked() async throws {
        let run = try await withScriptedLineServer(Self.gmailLike) { server in
            try await RealExim.deliver(
                [RealExim.Message(from: "<>", to: "bob@gmail.test")],
                port: server.port,
                heloData: "$sender_address_domain"
            )
        }
        #expect(run.mainlog.contains("<= <>"), "\(run.mainlog)")
        #expect(run.mainlog.contains("Empty HELO/EHLO argument not allowed"), "\(run.mainlog)")
        let directory = try TemporaryDirectory(prefix: "blwatch-exim-log")
        defer { directory.remove() }
        let path = try directory.write("mainlog", run.mainlog)
        let report = try MTALogScanner().scan(paths: [path])
        let empty = report.tally(.emptyHELO)
        // One refusal of one message (Exim logs it on a host line and a == line: counted once), and
        // that message is the bounce.
        #expect(empty.rejections == 1, "\(report.text)\n\(run.mainlog)")
        #expect(empty.bounces == 1 && empty.normal == 0 && empty.unknown == 0)
        #expect(report.findings.map(\.kind).contains("remoteRejectedEmptyHELO"))
        #expect(report.hasCritical)
    }
}
