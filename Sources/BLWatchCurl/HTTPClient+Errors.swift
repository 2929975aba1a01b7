import CCurl
import Foundation

extension HTTPClient {
    /// Rewrites libcurl's generic message for failures the options explain: timeouts, the size cap,
    /// the redirect limit and refused connections.
    /// - Parameters:
    ///   - error: what `CurlEasy.perform` threw.
    ///   - easy: the handle, for the transfer's info.
    /// - Returns: the error with a specific message (and `.tooLarge` when our write callback aborted).
    func refine(_ error: CurlError, from easy: CurlEasy) -> CurlError {
        let curlCode = CURLcode(rawValue: UInt32(bitPattern: error.curlCode))
        switch error.code {
        case _ where curlCode == CURLE_WRITE_ERROR && easy.exceededBodyLimit,
            .tooLarge:
            return CurlError(.tooLarge, "body larger than \(options.maxBodyBytes) bytes", curlCode: curlCode)
        case .timedOut:
            return CurlError(.timedOut, timeoutMessage(easy), curlCode: curlCode)
        case .tooManyRedirects:
            return CurlError(.tooManyRedirects, "more than \(options.maxRedirects) redirects", curlCode: curlCode)
        case .connectFailed:
            return CurlError(.connectFailed, connectMessage(easy, fallback: error.message), curlCode: curlCode)
        default:
            return error
        }
    }

    /// Which timeout expired: the connect one when no connection was made before it, else the total.
    private func timeoutMessage(_ easy: CurlEasy) -> String {
        let connect = options.connectTimeout.wholeMilliseconds
        let total = options.totalTimeout.wholeMilliseconds
        if easy.info(large: CURLINFO_CONNECT_TIME_T) == 0, connect < total {
            return "connection timed out after \(connect) ms"
        }
        return "timed out after \(total) ms"
    }

    /// "connection refused by 127.0.0.1 port 8080" when the OS said so, else libcurl's text.
    private func connectMessage(_ easy: CurlEasy, fallback: String) -> String {
        guard easy.info(long: CURLINFO_OS_ERRNO) == Int(ECONNREFUSED),
            let url = easy.info(string: CURLINFO_EFFECTIVE_URL),
            let (host, port) = Self.hostAndPort(of: url)
        else { return fallback }
        return "connection refused by \(host) port \(port)"
    }

    /// The host and port (the scheme's default if none is given) of `url`, parsed by libcurl.
    ///
    /// `CURLINFO_PRIMARY_IP` would be better but is empty after a refused connection (libcurl 7.88).
    static func hostAndPort(of url: String) -> (String, Int)? {
        guard let parsed = curl_url() else { return nil }
        defer { curl_url_cleanup(parsed) }
        guard curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart, _ flags: UInt32) -> String? {
            var value: UnsafeMutablePointer<CChar>? = nil
            guard curl_url_get(parsed, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let host = part(CURLUPART_HOST, 0),
            let port = part(CURLUPART_PORT, UInt32(CURLU_DEFAULT_PORT)).flatMap(Int.init)
        else { return nil }
        return (host, port)
    }
}
