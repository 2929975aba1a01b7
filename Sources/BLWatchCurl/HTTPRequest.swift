/// One HTTP header field, as sent or received.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, as written (matching is case-insensitive).
    public var name: String
    /// The field value, without leading whitespace.
    public var value: String

    /// Creates a header field.
    /// - Parameters:
    ///   - name: the field name, such as `Accept`.
    ///   - value: the field value.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What to fetch: a URL, a method, extra headers and, for POST, a body.
public struct HTTPRequest: Sendable {
    /// The request methods blwatch needs.
    public enum Method: String, Sendable {
        /// GET; `body` is ignored.
        case get = "GET"
        /// POST with `body` (empty when `nil`).
        case post = "POST"
    }

    /// An `http://` or `https://` URL; any other scheme fails with `.unsupportedProtocol`.
    public var url: String
    /// The method.
    public var method: Method
    /// Extra request headers; one named like a default (`User-Agent`, `Accept`) replaces it.
    public var headers: [HTTPHeader]
    /// The POST body, sent with a `Content-Length`.
    public var body: [UInt8]?

    /// Creates a request.
    /// - Parameters:
    ///   - url: an `http://` or `https://` URL.
    ///   - method: GET (the default) or POST.
    ///   - headers: extra request headers.
    ///   - body: the POST body.
    public init(url: String, method: Method = .get, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}
