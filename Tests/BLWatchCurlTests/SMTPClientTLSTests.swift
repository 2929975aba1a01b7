import BLWatchCurl
import BLWatchTestSupport
import Testing

/// STARTTLS, implicit TLS, certificate verification and AUTH against a real aiosmtpd.
@Suite(.enabled(if: SMTPSink.isAvailable), .enabled(if: Tool.required("openssl")))
struct SMTPClientTLSTests {
    static let message = SMTPMessage(
        from: "blwatch@example.test",
        recipients: ["ops@example.test"],
        data: Array("Subject: tls\r\n\r\nsecret listing news\r\n".utf8)
    )

    /// Runs `body` with fresh certificates and a sink using them as `configure` says.
    func withTLSSink(
        _ configure: (inout SMTPSink.Options, TestCertificates) -> Void,
        _ body: (SMTPSink, TestCertificates) async throws -> Void
    ) async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        var options = SMTPSink.Options()
        configure(&options, certificates)
        try await withSMTPSink(options) { sink in try await body(sink, certificates) }
    }

    @Test func requiredSecurityUpgradesWithStartTLS() async throws {
        try await withTLSSink({
            $0.starttls = $1; $0.requireTLS = true
        }) { sink, certificates in
            let client = SMTPClient(options: .init(url: sink.url, security: .required, caFile: certificates.caFile))
            try await client.send(Self.message)
            #expect(try sink.sessions().map(\.tls) == [true])
            #expect(try sink.messages() == ["Subject: tls\r\n\r\nsecret listing news\r\n"])
        }
    }

    @Test func optionalSecurityUpgradesWhenOffered() async throws {
        try await withTLSSink({ $0.starttls = $1 }) { sink, certificates in
            let client = SMTPClient(options: .init(url: sink.url, security: .optional, caFile: certificates.caFile))
            try await client.send(Self.message)
            #expect(try sink.sessions().map(\.tls) == [true])
        }
    }

    @Test func requiredSecurityFailsWithoutStartTLS() async throws {
        try await withSMTPSink { sink in
            let client = SMTPClient(options: .init(url: sink.url, security: .required))
            let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
            #expect(error?.code == .tlsUnavailable)
            #expect(error?.message == "the server does not offer STARTTLS")
            let sessions = try sink.sessions()
            #expect(sessions.isEmpty)
        }
    }

    @Test func unknownCAFailsVerification() async throws {
        try await withTLSSink({ $0.starttls = $1 }) { sink, _ in
            let client = SMTPClient(options: .init(url: sink.url, security: .required))
            let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
            #expect(error?.code == .tls)
            let sessions = try sink.sessions()
            #expect(sessions.isEmpty)
        }
    }

    @Test func rightCredentialsAreAccepted() async throws {
        try await withTLSSink({
            $0.starttls = $1; $0.auth = .init(user: "alice", password: "s3cret-pw")
        }) {
            sink,
            certificates in
            let options = SMTPOptions(
                url: sink.url,
                username: "alice",
                password: "s3cret-pw",
                caFile: certificates.caFile
            )
            try await SMTPClient(options: options).send(Self.message)
            let session = try #require(try sink.sessions().first)
            #expect(session.auth == "alice")
            #expect(session.tls)
        }
    }

    @Test func wrongPasswordIsAuthFailedWithoutThePassword() async throws {
        try await withTLSSink({
            $0.starttls = $1; $0.auth = .init(user: "alice", password: "s3cret-pw")
        }) {
            sink,
            certificates in
            let options = SMTPOptions(
                url: sink.url,
                username: "alice",
                password: "hunter2-wrong",
                caFile: certificates.caFile
            )
            let error = await #expect(throws: CurlError.self) {
                try await SMTPClient(options: options).send(Self.message)
            }
            #expect(error?.code == .authFailed)
            #expect(error?.message == "the server rejected the credentials for alice")
            #expect(error?.message.contains("hunter2") == false)
            #expect(error.map { "\($0)" }?.contains("hunter2") == false)
            let sessions = try sink.sessions()
            #expect(sessions.isEmpty)
        }
    }

    @Test func credentialsWithOptionalSecurityNeedStartTLS() async throws {
        // AUTH offered in clear: .optional must not send the password there.
        var options = SMTPSink.Options()
        options.auth = .init(user: "alice", password: "s3cret-pw")
        try await withSMTPSink(options) { sink in
            let client = SMTPClient(
                options: .init(url: sink.url, security: .optional, username: "alice", password: "s3cret-pw")
            )
            let error = await #expect(throws: CurlError.self) { try await client.send(Self.message) }
            #expect(error?.code == .tlsUnavailable)
            let sessions = try sink.sessions()
            #expect(sessions.isEmpty)
        }
    }

    @Test func implicitTLSWithSMTPS() async throws {
        try await withTLSSink({ $0.implicitTLS = $1 }) { sink, certificates in
            #expect(sink.url.hasPrefix("smtps://"))
            let client = SMTPClient(options: .init(url: sink.url, security: .required, caFile: certificates.caFile))
            try await client.send(Self.message)
            #expect(try sink.sessions().map(\.tls) == [true])
        }
    }
}
