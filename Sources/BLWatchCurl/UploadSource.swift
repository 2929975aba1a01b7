import CCurl

/// Serves the bytes of an upload (an SMTP message's DATA) to libcurl's read callback, in order.
///
/// libcurl gets this object back through an `Unmanaged` context pointer. It is owned by one `CurlEasy`
/// and touched only on the thread running that handle's transfer. libcurl does the SMTP dot-stuffing
/// and appends the terminating `CRLF.CRLF` itself, so the bytes go out as they are.
final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    /// Creates a source that serves `bytes` once.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies the next bytes into `buffer`; returns how many, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0, let base = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            base.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    /// The C callback for `CURLOPT_READFUNCTION`; `context` is an unretained `UploadSource`.
    ///
    /// Its signature is the one the write callback has, so the existing typed setter serves both.
    static let readCallback: blwatch_curl_data_callback = { buffer, size, count, context in
        guard let context, let buffer else { return Int(CURL_READFUNC_ABORT) }
        let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
        return source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }
}
