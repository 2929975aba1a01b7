/// Limits and identity for every transfer an `HTTPClient` makes.
///
/// TLS verification (peer and host name) is always on; there is deliberately no option to turn it off.
public struct HTTPClientOptions: Sendable {
    /// How long to wait for the TCP (and TLS) connection.
    public var connectTimeout: Duration
    /// How long the whole transfer, redirects included, may take.
    public var totalTimeout: Duration
    /// The largest body accepted, counted after decompression.
    public var maxBodyBytes: Int
    /// How many redirects are followed before failing with `.tooManyRedirects`.
    public var maxRedirects: Int
    /// The `User-Agent` sent.
    public var userAgent: String
    /// The proxy variables (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`, upper case too)
    /// to use instead of the process environment; `nil` reads the environment, as libcurl does.
    /// Lets a caller (or a test) choose a proxy without changing the process-wide environment.
    public var proxyEnvironment: [String: String]? = nil

    /// Creates options.
    /// - Parameters:
    ///   - connectTimeout: how long to wait for the connection (default 5 s).
    ///   - totalTimeout: how long the whole transfer may take (default 15 s).
    ///   - maxBodyBytes: the largest decoded body accepted (default 1 MiB).
    ///   - maxRedirects: how many redirects to follow (default 5).
    ///   - userAgent: the `User-Agent` (default `blwatch`).
    public init(
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(15),
        maxBodyBytes: Int = 1 << 20,
        maxRedirects: Int = 5,
        userAgent: String = "blwatch"
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a positive duration never becomes 0 (no timeout in libcurl).
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(clamping: max(millis, 0))
    }
}
