import CCurl

/// A transfer that did not produce a response: a timeout, a size cap, a refused connection, bad TLS,
/// or (for SMTP) a server that refused the credentials or the message.
///
/// Any HTTP status (404, 429, 500) is a response, not a `CurlError`; an SMTP rejection is `.rejected`. Tests match `code` (`==` compares
/// only the code, STYLE.md C6); people read `message`.
public struct CurlError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable classification of the failure.
    public enum Code: String, Sendable {
        /// The connect or total timeout expired.
        case timedOut
        /// The body (after decoding) is larger than the configured cap.
        case tooLarge
        /// The redirect chain is longer than allowed.
        case tooManyRedirects
        /// No connection could be made (refused, unreachable).
        case connectFailed
        /// The host or proxy name did not resolve.
        case resolveFailed
        /// The TLS handshake or certificate verification failed.
        case tls
        /// The URL's scheme is not the client's (http or https, also after a redirect; smtp or smtps).
        case unsupportedProtocol
        /// The URL could not be parsed, or something that goes into it (an EHLO name) is unusable.
        case invalidURL
        /// Sending the request failed.
        case sendFailed
        /// Receiving the response failed.
        case receiveFailed
        /// The SMTP server refused the username and password.
        case authFailed
        /// TLS was required but the SMTP server does not offer STARTTLS, or credentials would travel
        /// without TLS.
        case tlsUnavailable
        /// The SMTP server refused the sender, a recipient or the message, with a reply code.
        case rejected
        /// The SMTP message cannot be sent as given: no recipients, a line break in an address.
        case invalidMessage
        /// Anything else.
        case other
    }

    /// The classification.
    public var code: Code
    /// The `CURLcode` libcurl returned (0 when the failure did not come from libcurl).
    public var curlCode: Int32
    /// Lower-case specifics without a trailing period, such as `timed out after 1000 ms`.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: the classification.
    ///   - message: lower-case specifics.
    ///   - curlCode: the `CURLcode`, if libcurl reported one.
    public init(_ code: Code, _ message: String, curlCode: Int32 = 0) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
    }

    init(_ code: Code, _ message: String, curlCode: CURLcode) {
        self.init(code, message, curlCode: Int32(bitPattern: curlCode.rawValue))
    }

    /// The message.
    public var description: String { message }

    /// Compares the codes only, so tests need not repeat the prose.
    public static func == (lhs: CurlError, rhs: CurlError) -> Bool { lhs.code == rhs.code }

    /// The error for a failed `curl_easy_perform`, with libcurl's own text.
    /// - Parameters:
    ///   - curlCode: what libcurl returned.
    ///   - detail: the `CURLOPT_ERRORBUFFER` text, empty if libcurl wrote none.
    init(curlCode: CURLcode, detail: String) {
        let text = detail.isEmpty ? Self.text(of: curlCode) : Self.sentence(detail)
        self.init(Self.classify(curlCode), text, curlCode: curlCode)
    }

    /// `curl_easy_strerror`, in this type's message style.
    static func text(of code: CURLcode) -> String {
        sentence(String(cString: blwatch_curl_easy_strerror(code)))
    }

    /// Trims `text`, drops a trailing period and lower-cases the first letter unless it starts an
    /// acronym ("SSL certificate problem" stays as it is).
    static func sentence(_ text: String) -> String {
        var result = Substring(text)
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace || last == "." { result = result.dropLast() }
        guard let first = result.first else { return "" }
        let second = result.dropFirst().first
        if second.map({ $0.isUppercase }) == true { return String(result) }
        return first.lowercased() + result.dropFirst()
    }

    private static func classify(_ code: CURLcode) -> Code {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_FILESIZE_EXCEEDED: .tooLarge
        case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
        case CURLE_COULDNT_CONNECT: .connectFailed
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .resolveFailed
        case CURLE_UNSUPPORTED_PROTOCOL: .unsupportedProtocol
        case CURLE_URL_MALFORMAT: .invalidURL
        case CURLE_SEND_ERROR: .sendFailed
        case CURLE_RECV_ERROR: .receiveFailed
        case CURLE_LOGIN_DENIED: .authFailed
        case CURLE_USE_SSL_FAILED: .tlsUnavailable
        case _ where tlsCodes.contains(code): .tls
        default: .other
        }
    }

    /// Every `CURLcode` that means the TLS layer failed (curl.h, libcurl 7.88); `CURLE_USE_SSL_FAILED`
    /// (STARTTLS not offered or refused) is `.tlsUnavailable` instead.
    private static let tlsCodes: [CURLcode] = [
        CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ENGINE_INITFAILED,
        CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
        CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
    ]
}
