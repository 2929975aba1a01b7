import CCurl

/// The URL libcurl gets: the configured one, checked, with the EHLO name as its path.
///
/// libcurl takes the EHLO argument from the URL path (`smtp://host:port/<name>`, percent-decoded);
/// with no path it would send `gethostname()`, so the path is always set.
struct SMTPTarget {
    /// The URL to set as `CURLOPT_URL`.
    let url: String
    /// Whether the scheme is `smtps` (TLS from the first byte).
    let implicitTLS: Bool

    /// Checks `options.url` and `options.effectiveHeloName` and builds the URL.
    /// - Throws: `.invalidURL` when the URL does not parse, carries credentials, or the EHLO name is
    ///   unusable; `.unsupportedProtocol` for a scheme other than smtp or smtps.
    init(_ options: SMTPOptions) throws(CurlError) {
        let helo = options.effectiveHeloName
        guard helo.utf8.count <= 255, !helo.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
        else { throw CurlError(.invalidURL, "the EHLO name \(helo.debugDescription) is not a host name") }
        try CurlGlobal.ensureInitialized()
        guard let parsed = blwatch_curl_url() else { throw CurlError(.other, "out of memory parsing the SMTP URL") }
        defer { blwatch_curl_url_cleanup(parsed) }
        // The URL itself is not quoted in messages: it could hold a password.
        guard blwatch_curl_url_set(parsed, CURLUPART_URL, options.url, UInt32(CURLU_NON_SUPPORT_SCHEME)) == CURLUE_OK
        else {
            throw CurlError(.invalidURL, "the SMTP URL does not parse (expected smtp://host:port or smtps://host:port)")
        }
        let scheme = Self.part(parsed, CURLUPART_SCHEME)?.lowercased() ?? ""
        guard scheme == "smtp" || scheme == "smtps" else {
            throw CurlError(.unsupportedProtocol, "unsupported scheme \"\(scheme)\" for mail: use smtp:// or smtps://")
        }
        guard Self.part(parsed, CURLUPART_USER) == nil, Self.part(parsed, CURLUPART_PASSWORD) == nil else {
            throw CurlError(.invalidURL, "credentials belong in the username and password options, not in the URL")
        }
        guard blwatch_curl_url_set(parsed, CURLUPART_PATH, "/" + Self.percentEncoded(helo), 0) == CURLUE_OK,
            let url = Self.part(parsed, CURLUPART_URL)
        else { throw CurlError(.invalidURL, "cannot put the EHLO name \(helo.debugDescription) in the URL") }
        self.url = url
        implicitTLS = scheme == "smtps"
    }

    /// One part of a parsed URL, `nil` when absent.
    private static func part(_ parsed: OpaquePointer, _ which: CURLUPart) -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        guard blwatch_curl_url_get(parsed, which, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { blwatch_curl_free(value) }
        return String(cString: value)
    }

    /// Every byte but RFC 3986's unreserved ones as `%XX`, so an address literal (`[192.0.2.1]`)
    /// survives the path and libcurl's decoding.
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    /// Padded with leading zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(width - count, 0)) + self
    }
}
