import BLWatchTestSupport
import Testing

@testable import BLWatchCore

/// The SMTP probe against scripted servers on loopback.
struct SMTPBannerProbeTests {
    private static let greeting = ScriptedLineServer.Step.send("220 mx.example.net ESMTP ready\r\n")

    private func probe(
        _ script: [ScriptedLineServer.Step],
        expecting names: [String] = ["mx.example.net"],
        // Long: a whole suite on 2 cores can hold this task back for many seconds, and the probe's
        // clock runs on while it waits. Tests about timeouts pass their own.
        timeout: Duration = .seconds(30)
    ) async throws -> (SMTPProbeResult, received: [String]) {
        try await withScriptedLineServer(script) { server in
            let probe = SMTPBannerProbe(
                host: "127.0.0.1",
                port: server.port,
                heloName: "probe.example.org",
                timeout: timeout
            )
            let result = await probe.probe(expectedNames: names)
            #expect(server.mismatches() == [])
            return (result, server.received())
        }
    }

    private func esmtp(_ capabilities: String) -> [ScriptedLineServer.Step] {
        [
            Self.greeting, .expect("EHLO "), .send("250-mx.example.net Hello\r\n" + capabilities), .expect("QUIT"),
            .send("221 bye\r\n"), .close,
        ]
    }

    @Test func aProperServerHasNoFindings() async throws {
        let (result, received) = try await probe(esmtp("250-PIPELINING\r\n250-SIZE 52428800\r\n250 STARTTLS\r\n"))
        #expect(result.findings == [])
        #expect(result.greeting == "220 mx.example.net ESMTP ready")
        #expect(result.bannerName == "mx.example.net")
        #expect(result.capabilities == ["PIPELINING", "SIZE 52428800", "STARTTLS"])
        #expect(result.startTLS)
        #expect(received == ["EHLO probe.example.org", "QUIT"])
        #expect(result.transcript.first == "S: 220 mx.example.net ESMTP ready")
    }

    @Test func aMissingSTARTTLSIsInfo() async throws {
        let (result, _) = try await probe(esmtp("250 PIPELINING\r\n"))
        #expect(result.findings.map(\.kind) == ["starttlsMissing"])
        #expect(result.findings[0].severity == .info)
        #expect(!result.startTLS)
    }

    @Test func aBannerNameOtherThanThePTRIsFlagged() async throws {
        let (result, _) = try await probe(esmtp("250 STARTTLS\r\n"), expecting: ["Mail.Example.com."])
        #expect(result.findings.map(\.kind) == ["bannerNameMismatch"])
        let finding = result.findings[0]
        #expect(finding.severity == .warning)
        #expect(finding.source == .smtp)
        #expect(finding.subject == "127.0.0.1:\(finding.subject.split(separator: ":").last!)")
        #expect(finding.fix.contains("to mail.example.com, the PTR name of its address"))
    }

    @Test func aRefusingGreetingIsFlagged() async throws {
        let (result, received) = try await probe([.send("554 mx.example.net no service for you\r\n"), .close])
        #expect(result.findings.map(\.kind) == ["smtpGarbage"])
        #expect(result.greeting == "554 mx.example.net no service for you")
        #expect(received == [])
    }

    @Test(arguments: [
        [UInt8]([0x16, 0x03, 0x01, 0x00, 0xFF, 0x01]), Array("HTTP/1.1 400 Bad Request\r\n".utf8),
        Array("SSH-2.0-OpenSSH_9.2\r\n".utf8),
    ])
    func garbageIsNotSMTP(_ bytes: [UInt8]) async throws {
        // Garbage is recognised as such, not waited out: a wait would end as smtpTimeout instead.
        let (result, _) = try await probe([.sendRaw(bytes)], timeout: .seconds(20))
        #expect(result.findings.map(\.kind) == ["smtpGarbage"])
        #expect(result.greeting == nil)
    }

    @Test func aSilentServerTimesOut() async throws {
        // The probe gives up by itself (a hang would never return): no clock is read, machines are busy.
        let (result, _) = try await probe([], timeout: .seconds(1))
        #expect(result.findings.map(\.kind) == ["smtpTimeout"])
        #expect(result.findings[0].title.contains("within 1 s"))
    }

    @Test func aServerSilentAfterEHLOTimesOut() async throws {
        // 3 s: the greeting must arrive in time even on a loaded machine; only the EHLO reply never does.
        let (result, _) = try await probe([Self.greeting, .expect("EHLO")], timeout: .seconds(3))
        #expect(result.findings.map(\.kind) == ["smtpTimeout"], "\(result.findings.map(\.title)) \(result.transcript)")
        #expect(result.bannerName == "mx.example.net")
    }

    @Test func anOverlongLineIsGarbage() async throws {
        let (result, _) = try await probe([.send("220 " + String(repeating: "x", count: 1200) + "\r\n")])
        #expect(result.findings.map(\.kind) == ["smtpGarbage"])
        #expect(result.findings[0].evidence.first?.contains("1000") == true)
    }

    @Test func aServerClosingAtOnceIsFlagged() async throws {
        let (result, _) = try await probe([.close])
        #expect(result.findings.map(\.kind) == ["smtpGarbage"])
        #expect(result.findings[0].title.contains("closed the connection"))
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let port = try reserveLoopbackPort()
        let probe = SMTPBannerProbe(host: "127.0.0.1", port: port, heloName: "", timeout: .seconds(2))
        let result = await probe.probe(expectedNames: ["mx.example.net"])
        #expect(result.findings.map(\.kind) == ["smtpUnreachable"])
        #expect(result.greeting == nil)
    }

    @Test func anEmptyHELONameFallsBackToAName() async throws {
        try await withScriptedLineServer(esmtp("250 STARTTLS\r\n")) { server in
            _ = await SMTPBannerProbe(host: "127.0.0.1", port: server.port, heloName: " ").probe(expectedNames: [])
            let ehlo = try #require(server.received().first)
            #expect(ehlo.hasPrefix("EHLO "))
            #expect(ehlo.count > 5)
        }
    }
}

/// The reply splitter on its own.
struct SMTPReplyReaderTests {
    @Test func readsMultiLineRepliesAcrossChunks() throws {
        var reader = SMTPReplyReader()
        try reader.append(Array("250-mx.exa".utf8))
        #expect(try reader.nextReply() == nil)
        try reader.append(Array("mple.net\r\n250-PIPELINING\r\n250 8BITMIME\r\n221".utf8))
        #expect(try reader.nextReply() == SMTPReply(code: 250, lines: ["mx.example.net", "PIPELINING", "8BITMIME"]))
        #expect(try reader.nextReply() == nil)
        try reader.append(Array("\n".utf8))
        #expect(try reader.nextReply() == SMTPReply(code: 221, lines: [""]))
    }

    @Test func rejectsACodeChangeInsideAReply() throws {
        var reader = SMTPReplyReader()
        try reader.append(Array("250-a\r\n354 b\r\n".utf8))
        #expect(throws: SMTPReplyReader.Problem.self) { try reader.nextReply() }
    }

    @Test func boundsTheBytesOfASession() throws {
        var reader = SMTPReplyReader()
        let line = Array(("250-" + String(repeating: "x", count: 900) + "\r\n").utf8)
        #expect(throws: SMTPReplyReader.Problem.tooMuchData) {
            for _ in 0..<100 {
                try reader.append(line)
                while try reader.nextReply() != nil {}
            }
        }
    }
}
