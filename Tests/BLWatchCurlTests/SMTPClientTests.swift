import BLWatchCurl
import BLWatchTestSupport
import Testing

/// Plain delivery to a real aiosmtpd: the bytes, the envelope and the EHLO name.
@Suite(.enabled(if: SMTPSink.isAvailable))
struct SMTPClientTests {
    static let text = "From: blwatch <blwatch@example.test>\r\nTo: ops@example.test\r\nSubject: listed\r\n\r\nhello\r\n"

    @Test func deliversTheMessageByteForByte() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none, heloName: "mx1.example.test"))
            try await client.send(
                SMTPMessage(from: "blwatch@example.test", recipients: ["ops@example.test"], data: Array(Self.text.utf8))
            )
            #expect(try sink.messages() == [Self.text])
            let session = try #require(try sink.sessions().first)
            #expect(session.from == "blwatch@example.test")
            #expect(session.recipients == ["ops@example.test"])
            #expect(session.tls == false)
            #expect(session.auth == nil)
        }
    }

    @Test func deliversToEveryRecipient() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            let recipients = ["a@example.test", "b@example.test", "c@example.test"]
            try client.perform(
                SMTPMessage(from: "blwatch@example.test", recipients: recipients, data: Array(Self.text.utf8))
            )
            #expect(try sink.sessions().map(\.recipients) == [recipients])
        }
    }

    @Test func leadingDotsSurviveDotStuffing() async throws {
        let text = "Subject: dots\r\n\r\n.\r\n.leading dot\r\n..two dots\r\nlast line\r\n"
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            try await client.send(
                SMTPMessage(from: "a@example.test", recipients: ["b@example.test"], data: Array(text.utf8))
            )
            #expect(try sink.messages() == [text])
        }
    }

    @Test func messageWithoutFinalLineBreakGetsOne() async throws {
        // libcurl ends DATA with CRLF.CRLF when the data does not end in CRLF; the server keeps the CRLF.
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            try await client.send(
                SMTPMessage(
                    from: "a@example.test",
                    recipients: ["b@example.test"],
                    data: Array("Subject: x\r\n\r\nend".utf8)
                )
            )
            #expect(try sink.messages() == ["Subject: x\r\n\r\nend\r\n"])
        }
    }

    @Test func nullSenderIsSentAsEmptyPath() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none))
            try await client.send(SMTPMessage(from: "", recipients: ["b@example.test"], data: Array(Self.text.utf8)))
            #expect(try sink.sessions().map(\.from) == ["<>"])
        }
    }

    @Test func ehloArgumentIsTheConfiguredName() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none, heloName: "mail.example.test"))
            try await client.send(
                SMTPMessage(from: "a@example.test", recipients: ["b@example.test"], data: Array(Self.text.utf8))
            )
            #expect(try sink.sessions().map(\.ehlo) == ["mail.example.test"])
        }
    }

    @Test(arguments: [nil, "", "  "] as [String?])
    func ehloArgumentDefaultsToThisMachinesName(heloName: String?) async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .none, heloName: heloName))
            try await client.send(
                SMTPMessage(from: "a@example.test", recipients: ["b@example.test"], data: Array(Self.text.utf8))
            )
            let ehlo = try #require(try sink.sessions().first).ehlo
            #expect(!ehlo.isEmpty)
            #expect(ehlo == SMTPOptions.defaultHeloName)
        }
    }

    @Test func addressLiteralEhloSurvivesTheURL() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url + "/", security: .none, heloName: "[192.0.2.1]"))
            try await client.send(
                SMTPMessage(from: "a@example.test", recipients: ["b@example.test"], data: Array(Self.text.utf8))
            )
            #expect(try sink.sessions().map(\.ehlo) == ["[192.0.2.1]"])
        }
    }

    @Test func optionalSecurityDeliversInClearWithoutStartTLS() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .optional))
            try await client.send(
                SMTPMessage(from: "a@example.test", recipients: ["b@example.test"], data: Array(Self.text.utf8))
            )
            #expect(try sink.sessions().map(\.tls) == [false])
        }
    }
}
