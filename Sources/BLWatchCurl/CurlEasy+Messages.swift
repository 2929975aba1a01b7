import CCurl
import Foundation

/// The wording of transfer failures that HTTP and SMTP share: which timeout expired, and who
/// refused the connection.
extension CurlEasy {
    /// Which timeout expired: the connect one when no connection was made before it, else the total.
    func timeoutMessage(connect: Duration, total: Duration) -> String {
        let connect = connect.wholeMilliseconds
        let total = total.wholeMilliseconds
        if info(large: CURLINFO_CONNECT_TIME_T) == 0, connect < total {
            return "connection timed out after \(connect) ms"
        }
        return "timed out after \(total) ms"
    }

    /// "connection refused by 127.0.0.1 port 8080" when the OS said so, else libcurl's text.
    func connectMessage(fallback: String) -> String {
        guard info(long: CURLINFO_OS_ERRNO) == Int(ECONNREFUSED),
            let url = info(string: CURLINFO_EFFECTIVE_URL),
            let (host, port) = Self.hostAndPort(of: url)
        else { return fallback }
        return "connection refused by \(host) port \(port)"
    }

    /// The host and port (the scheme's default if none is given) of `url`, parsed by libcurl.
    ///
    /// `CURLINFO_PRIMARY_IP` would be better but is empty after a refused connection (libcurl 7.88).
    static func hostAndPort(of url: String) -> (String, Int)? {
        guard let parsed = blwatch_curl_url() else { return nil }
        defer { blwatch_curl_url_cleanup(parsed) }
        guard blwatch_curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart, _ flags: UInt32) -> String? {
            var value: UnsafeMutablePointer<CChar>? = nil
            guard blwatch_curl_url_get(parsed, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { blwatch_curl_free(value) }
            return String(cString: value)
        }
        guard let host = part(CURLUPART_HOST, 0),
            let port = part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)).flatMap(Int.init)
        else { return nil }
        return (host, port)
    }
}
