import CCurl
import Foundation

/// Delivers mail to one SMTP server with libcurl: STARTTLS or implicit TLS, always verified, optional
/// AUTH, and an EHLO name that is never empty.
///
/// Each message uses a fresh easy handle and connection, so a client holds no state and is freely
/// `Sendable`. Mail never goes through an HTTP proxy, whatever the environment says.
public struct SMTPClient: Sendable {
    /// The server, security, credentials and timeouts used for every message.
    public let options: SMTPOptions

    /// Creates a client.
    /// - Parameter options: where and how to deliver.
    public init(options: SMTPOptions) {
        self.options = options
    }

    /// Sends one message, blocking the calling thread; returns only after the server accepted it
    /// (250 after DATA).
    /// - Parameter message: the envelope and the message text.
    /// - Throws: `CurlError`: `.unsupportedProtocol` or `.invalidURL` for a bad URL or EHLO name,
    ///   `.invalidMessage`, `.tlsUnavailable` (also for credentials without TLS, refused before
    ///   connecting), `.tls`, `.authFailed`, `.rejected` (with the reply code), `.connectFailed`,
    ///   `.resolveFailed`, `.timedOut` and the other transport codes.
    public func perform(_ message: SMTPMessage) throws(CurlError) {
        let target = try SMTPTarget(options)
        if options.hasCredentials, options.security == .none, !target.implicitTLS {
            throw CurlError(.tlsUnavailable, "refusing to send credentials without TLS")
        }
        try message.validate()
        let easy = try CurlEasy()
        try configure(easy, url: target.url)
        try configure(easy, for: message)
        do {
            try easy.perform()
        } catch {
            throw refine(error, from: easy)
        }
    }

    /// Runs `perform` on a thread of its own and awaits it.
    ///
    /// The session blocks a dedicated thread, never one of the Swift cooperative pool's. Cancelling
    /// the task does not stop the session early; `totalTimeout` bounds it.
    /// - Parameter message: the envelope and the message text.
    /// - Throws: `CurlError`, as `perform` does.
    public func send(_ message: SMTPMessage) async throws(CurlError) {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Void, CurlError>, Never>) in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(CurlError) in try self.perform(message) })
            }
            thread.name = "blwatch-smtp"
            thread.start()
        }
        try result.get()
    }

    /// The connection, TLS and authentication options.
    private func configure(_ easy: CurlEasy, url: String) throws(CurlError) {
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_NOPROXY, "*")  // mail never goes through an HTTP proxy
        try easy.set(CURLOPT_NOSIGNAL, true)  // no SIGALRM for DNS timeouts: we run on many threads
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, options.totalTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = options.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        // libcurl picks the AUTH mechanism from those the server offers, and skips AUTH when it
        // offers none; it authenticates only after STARTTLS when USE_SSL is ALL.
        if let username = options.username, !username.isEmpty { try easy.set(CURLOPT_USERNAME, username) }
        if let password = options.password, !password.isEmpty { try easy.set(CURLOPT_PASSWORD, password) }
    }

    /// The envelope and the upload.
    private func configure(_ easy: CurlEasy, for message: SMTPMessage) throws(CurlError) {
        try easy.set(CURLOPT_MAIL_FROM, SMTPMessage.bracketed(message.from))
        try easy.set(CURLOPT_MAIL_RCPT, list: message.recipients.map(SMTPMessage.bracketed))
        try easy.setUpload(message.data)
    }

    /// `CURLOPT_USE_SSL` for `options.security`: credentials make STARTTLS mandatory.
    var useSSL: curl_usessl {
        switch options.security {
        case .required: CURLUSESSL_ALL
        case .optional: options.hasCredentials ? CURLUSESSL_ALL : CURLUSESSL_TRY
        case .none: CURLUSESSL_NONE
        }
    }
}
