/// A completed HTTP exchange, whatever its status: 404, 429 and 500 are responses, not errors.
public struct HTTPResponse: Sendable {
    /// The status code of the final response.
    public var status: Int
    /// The effective URL, after redirects.
    public var url: String
    /// The header fields of the final response only (those of redirects are dropped).
    public var headers: [HTTPHeader]
    /// The final response's `Content-Type`, if any.
    public var contentType: String?
    /// The body, decoded if it was sent compressed.
    public var body: [UInt8]
    /// How many redirects were followed.
    public var redirectCount: Int

    /// Creates a response (for tests and fakes; `HTTPClient` builds the real ones).
    /// - Parameters:
    ///   - status: the status code.
    ///   - url: the effective URL.
    ///   - headers: the final response's header fields.
    ///   - contentType: the `Content-Type`.
    ///   - body: the decoded body.
    ///   - redirectCount: how many redirects were followed.
    public init(
        status: Int,
        url: String,
        headers: [HTTPHeader] = [],
        contentType: String? = nil,
        body: [UInt8] = [],
        redirectCount: Int = 0
    ) {
        self.status = status
        self.url = url
        self.headers = headers
        self.contentType = contentType
        self.body = body
        self.redirectCount = redirectCount
    }

    /// The value of the first header field named `name`, compared case-insensitively.
    /// - Parameter name: a field name, such as `retry-after`.
    /// - Returns: the value, or `nil` when the response has no such field.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
