import CCurl
import Foundation

/// Fetches HTTP(S) URLs with libcurl: redirects followed, TLS always verified, body and time capped.
///
/// Each transfer uses a fresh easy handle, so a client holds no state and is freely `Sendable`.
/// Proxies come from the environment as usual for libcurl (`http_proxy`, `https_proxy`, `all_proxy`,
/// `no_proxy`), except that loopback (`localhost`, `127.0.0.0/8`, `::1`) never goes through a proxy:
/// see `noProxyList(environment:)`.
public struct HTTPClient: Sendable {
    /// The limits and identity applied to every transfer.
    public let options: HTTPClientOptions

    /// Creates a client.
    /// - Parameter options: timeouts, size cap, redirect limit and user agent.
    public init(options: HTTPClientOptions = .init()) {
        self.options = options
    }

    /// Runs one transfer, blocking the calling thread until it ends.
    /// - Parameter request: what to fetch.
    /// - Returns: the final response, whatever its status.
    /// - Throws: `CurlError` when no response was obtained: timeout, body too large, too many
    ///   redirects, connection or TLS failure, a URL that is invalid or not http/https.
    public func perform(_ request: HTTPRequest) throws(CurlError) -> HTTPResponse {
        let easy = try CurlEasy(maxBodyBytes: options.maxBodyBytes)
        try configure(easy)
        try configure(easy, for: request)
        do {
            try easy.perform()
        } catch {
            throw refine(error, from: easy)
        }
        return HTTPResponse(
            status: easy.info(long: CURLINFO_RESPONSE_CODE),
            url: easy.info(string: CURLINFO_EFFECTIVE_URL) ?? request.url,
            headers: easy.headers,
            contentType: easy.info(string: CURLINFO_CONTENT_TYPE),
            body: easy.body,
            redirectCount: easy.info(long: CURLINFO_REDIRECT_COUNT)
        )
    }

    /// Runs `perform` on a thread of its own and awaits it.
    ///
    /// The transfer blocks a dedicated thread, never one of the Swift cooperative pool's, so many
    /// transfers can run at once without starving other tasks. Cancelling the task does not stop the
    /// transfer early; `totalTimeout` bounds it.
    /// - Parameter request: what to fetch.
    /// - Returns: the final response, whatever its status.
    /// - Throws: `CurlError`, as `perform` does.
    public func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<HTTPResponse, CurlError>, Never>) in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(CurlError) in try self.perform(request) })
            }
            thread.name = "blwatch-http"
            thread.start()
        }
        return try result.get()
    }

    /// The options every transfer gets, whatever the request.
    private func configure(_ easy: CurlEasy) throws(CurlError) {
        try easy.set(CURLOPT_NOSIGNAL, true)  // no SIGALRM for DNS timeouts: we run on many threads
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, options.totalTimeout.wholeMilliseconds)
        try easy.set(CURLOPT_FOLLOWLOCATION, true)
        try easy.set(CURLOPT_MAXREDIRS, max(options.maxRedirects, 0))
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        try easy.set(CURLOPT_USERAGENT, options.userAgent)
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")  // offer every decoder built in; bodies arrive decoded
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, large: Int64(options.maxBodyBytes))
        try easy.set(CURLOPT_FAILONERROR, false)  // a 4xx or 5xx is a response
        try easy.set(
            CURLOPT_NOPROXY,
            Self.noProxyList(environment: Self.environmentNoProxy(options.proxyEnvironment))
        )
    }

    /// The method, URL, headers and body of `request`.
    private func configure(_ easy: CurlEasy, for request: HTTPRequest) throws(CurlError) {
        try easy.set(CURLOPT_URL, request.url)
        if let variables = options.proxyEnvironment {
            // An explicit CURLOPT_PROXY (even "") stops libcurl from reading the environment.
            try easy.set(CURLOPT_PROXY, Self.proxy(for: request.url, in: variables))
        }
        var lines: [String] = []
        for header in request.headers {
            guard !(header.name + header.value).contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
                throw CurlError(.other, "request header \(header.name) contains a line break")
            }
            // libcurl drops "Name:" with an empty value; "Name;" sends it empty.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        switch request.method {
        case .get:
            try easy.set(CURLOPT_HTTPGET, true)
        case .post:
            try easy.set(CURLOPT_POST, true)
            try easy.setPostFields(request.body ?? [])
            // libcurl would send "Expect: 100-continue" for larger bodies and wait up to a second for
            // servers that never answer it; an empty "Expect:" suppresses that unless the caller set one.
            if !request.headers.contains(where: { $0.name.lowercased() == "expect" }) { lines.append("Expect:") }
        }
        try easy.set(CURLOPT_HTTPHEADER, list: lines)
    }
}
