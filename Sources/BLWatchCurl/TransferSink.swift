import CCurl

/// Collects what one transfer receives: the body (up to a cap) and the header lines of the latest
/// response.
///
/// libcurl's write and header callbacks get this object back through an `Unmanaged` context pointer.
/// It is owned by one `CurlEasy` and touched only on the thread running that handle's transfer.
final class TransferSink {
    /// The most body bytes accepted; one more makes the write callback abort the transfer.
    var limit: Int
    /// The body bytes received so far (decoded, when libcurl decompresses).
    private(set) var body: [UInt8] = []
    /// Whether the write callback aborted because of `limit`.
    private(set) var exceededLimit = false
    /// The header lines of the latest response, without line endings; reset at each status line, so
    /// after redirects only the final response's headers remain.
    private(set) var headerLines: [String] = []

    /// Creates an empty sink.
    init(limit: Int) { self.limit = limit }

    /// Appends body bytes; returns `false` (abort) when they would exceed `limit`.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= limit - body.count else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one header line as libcurl delivers it (a whole line, with its CRLF).
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        var line = String(decoding: bytes, as: UTF8.self)
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headerLines = [line]
        } else if line.first == " " || line.first == "\t", let last = headerLines.indices.last, last > 0 {
            // RFC 9112 §5.2: obsolete line folding continues the previous field value.
            headerLines[last] += " " + line.drop { $0 == " " || $0 == "\t" }
        } else if !line.isEmpty {
            headerLines.append(line)
        }
    }

    /// The header fields of the latest response (the status line is skipped).
    var headers: [HTTPHeader] {
        headerLines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            return HTTPHeader(String(line[..<colon]), String(value))
        }
    }

    /// The C callback for `CURLOPT_WRITEFUNCTION`; `context` is an unretained `TransferSink`.
    static let writeCallback: blwatch_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
        let total = size * count
        // Returning anything but `total` makes libcurl stop with CURLE_WRITE_ERROR.
        return sink.receiveBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
    }

    /// The C callback for `CURLOPT_HEADERFUNCTION`; `context` is an unretained `TransferSink`.
    static let headerCallback: blwatch_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
        sink.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        return size * count
    }
}
