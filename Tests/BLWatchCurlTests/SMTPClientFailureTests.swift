import BLWatchCurl
import BLWatchTestSupport
import Testing

/// Sessions that end without delivery, and what is refused before connecting.
@Suite(.enabled(if: SMTPSink.isAvailable))
struct SMTPClientFailureTests {
    static let message = SMTPMessage(
        from: "blwatch@example.test",
        recipients: ["ops@example.test"],
        data: Array("Subject: x\r\n\r\nbody\r\n".utf8)
    )

    @Test func rejectedRecipientIsRejectedWithTheReplyCode() async throws {
        var options = SMTPSink.Options()
        options.rejectRecipient = "nobody@example.test"
        try await withSMTPSink(options) { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            var message = Self.message
            message.recipients = ["ops@example.test", "nobody@example.test"]
            let error = await #expect(throws: CurlError.self) { try await client.send(message) }
            #expect(error?.code == .rejected)
            #expect(error?.message == "recipient rejected: 550 5.1.1 <nobody@example.test>: recipient rejected")
            let sessions = try sink.sessions()
            #expect(sessions.isEmpty)
        }
    }

    @Test func refusedMessageIsRejectedWithTheServersReply() async throws {
        var options = SMTPSink.Options()
        options.rejectMessage = true
        try await withSMTPSink(options) { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
            #expect(error?.code == .rejected)
            #expect(error?.message == "message rejected: 554 5.7.1 message refused by content filter")
        }
    }

    @Test func unauthenticatedSenderIsRejected() async throws {
        // AUTH required but the client has no credentials: MAIL FROM gets 530.
        var options = SMTPSink.Options()
        options.auth = .init(user: "alice", password: "pw")
        try await withSMTPSink(options) { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
            #expect(error?.code == .rejected)
            #expect(error?.message.hasPrefix("sender rejected: 530") == true)
        }
    }

    @Test func credentialsWithoutTLSAreRefusedBeforeConnecting() async throws {
        let port = try reserveLoopbackPort()  // nothing listens: a connection attempt would fail differently
        let client = SMTPClient(
            options: .init(url: "smtp://127.0.0.1:\(port)", security: .none, username: "alice", password: "pw")
        )
        let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
        #expect(error?.code == .tlsUnavailable)
        #expect(error?.message == "refusing to send credentials without TLS")
    }

    @Test(arguments: ["http://127.0.0.1:25", "https://127.0.0.1", "ftp://127.0.0.1:21", "imap://127.0.0.1"])
    func otherSchemesAreUnsupported(url: String) async throws {
        let error = await #expect(throws: CurlError.self) {
            try await SMTPClient(options: .init(url: url, security: .none)).send(Self.message)
        }
        #expect(error?.code == .unsupportedProtocol)
    }

    @Test(arguments: ["127.0.0.1:25", "smtp://user:pw@127.0.0.1:25", "smtp://[::1"])
    func unusableURLsAreInvalid(url: String) async throws {
        let error = await #expect(throws: CurlError.self) {
            try await SMTPClient(options: .init(url: url, security: .none)).send(Self.message)
        }
        #expect(error?.code == .invalidURL)
        #expect(error?.message.contains("pw") == false)
    }

    @Test(arguments: ["mx.example.test\r\nRSET", "two words"])
    func ehloNameWithSpaceOrLineBreakIsRefused(heloName: String) async throws {
        let client = SMTPClient(options: .init(url: "smtp://127.0.0.1:25", security: .none, heloName: heloName))
        let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
        #expect(error?.code == .invalidURL)
    }

    @Test(arguments: [
        ("a@example.test", [String]()),
        ("a@example.test", ["b@example.test\r\nRCPT TO:<c@example.test>"]),
        ("a@example.test\r\nRSET", ["b@example.test"]),
        ("a@example.test", ["<>"]),
    ])
    func unsafeEnvelopesAreInvalid(from: String, recipients: [String]) async throws {
        let client = SMTPClient(options: .init(url: "smtp://127.0.0.1:25", security: .none))
        let error = await #expect(throws: CurlError.self) {
            try await client.send(SMTPMessage(from: from, recipients: recipients, data: []))
        }
        #expect(error?.code == .invalidMessage)
    }

    @Test func serverDownThenUpDeliversOnRetry() async throws {
        let port = try reserveLoopbackPort()
        let client = SMTPClient(options: .init(url: "smtp://127.0.0.1:\(port)", security: .none))
        let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
        #expect(error?.code == .connectFailed)
        #expect(error?.message == "connection refused by 127.0.0.1 port \(port)")
        let sink = try await SMTPSink.start(onPort: port)
        defer { sink.stop() }
        #expect(sink.port == port)
        try await client.send(Self.message)
        #expect(try sink.messages().count == 1)
    }
}
