import CCurl

/// One libcurl easy handle: typed option setters, a blocking `perform()`, and getinfo helpers.
///
/// The only owner of a `CURL *` in the package; HTTP and SMTP transfers are built on it.
/// Every handle collects the body and the latest response's header lines into a `TransferSink`, and
/// has an error buffer for libcurl's specific messages. Strings are copied by libcurl (since 7.17);
/// lists set with `set(_:list:)` are kept until the handle is freed. Not `Sendable`: create, use and
/// free a handle on one thread.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let sink: TransferSink
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var upload: UploadSource?

    /// Creates a handle whose write callback accepts at most `maxBodyBytes`.
    /// - Throws: `CurlError` when libcurl cannot be initialised or allocate a handle.
    init(maxBodyBytes: Int = .max) throws(CurlError) {
        try CurlGlobal.ensureInitialized()
        guard let handle = blwatch_curl_easy_init() else { throw CurlError(.other, "curl_easy_init failed") }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        sink = TransferSink(limit: maxBodyBytes)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try check(blwatch_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        try check(
            blwatch_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, TransferSink.writeCallback),
            CURLOPT_WRITEFUNCTION
        )
        try check(blwatch_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), CURLOPT_WRITEDATA)
        try check(
            blwatch_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, TransferSink.headerCallback),
            CURLOPT_HEADERFUNCTION
        )
        try check(blwatch_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), CURLOPT_HEADERDATA)
    }

    deinit {
        blwatch_curl_easy_cleanup(handle)
        for list in lists { blwatch_curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Sets a `long` option.
    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(blwatch_curl_setopt_long(handle, option, value), option)
    }

    /// Sets a `long` option to 1 or 0.
    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) {
        try set(option, value ? 1 : 0)
    }

    /// Sets a `curl_off_t` option (the `_LARGE` ones).
    func set(_ option: CURLoption, large value: Int64) throws(CurlError) {
        try check(blwatch_curl_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// Sets a string option; libcurl copies it (not for `CURLOPT_POSTFIELDS`, which this refuses).
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        precondition(option != CURLOPT_POSTFIELDS, "use CURLOPT_COPYPOSTFIELDS: libcurl does not copy POSTFIELDS")
        try check(blwatch_curl_setopt_string(handle, option, value), option)
    }

    /// Sets a `curl_slist` option from `items`; the list lives until the handle is freed.
    func set(_ option: CURLoption, list items: [String]) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for item in items {
            guard let next = blwatch_curl_slist_append(list, item) else {
                if let list { blwatch_curl_slist_free_all(list) }
                throw CurlError(.other, "out of memory building a curl list")
            }
            list = next
        }
        if let list { lists.append(list) }
        try check(blwatch_curl_setopt_slist(handle, option, list), option)
    }

    /// Sets the body of a POST: libcurl copies `bytes`.
    func setPostFields(_ bytes: [UInt8]) throws(CurlError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, large: Int64(bytes.count))
        guard !bytes.isEmpty else {
            // An empty array may have no storage; libcurl copies nothing from "" when the size is 0.
            return try check(blwatch_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""), CURLOPT_COPYPOSTFIELDS)
        }
        let code = bytes.withUnsafeBytes { buffer in
            blwatch_curl_setopt_pointer(
                handle,
                CURLOPT_COPYPOSTFIELDS,
                UnsafeMutableRawPointer(mutating: buffer.baseAddress)
            )
        }
        try check(code, CURLOPT_COPYPOSTFIELDS)
    }

    /// Makes the transfer an upload of `bytes` (an SMTP message), served by a read callback.
    ///
    /// The handle keeps the bytes until it is freed; the size is announced (`SIZE=` in SMTP's MAIL FROM
    /// when the server supports it).
    func setUpload(_ bytes: [UInt8]) throws(CurlError) {
        let source = UploadSource(bytes)
        upload = source
        try check(
            blwatch_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, UploadSource.readCallback),
            CURLOPT_READFUNCTION
        )
        let context = Unmanaged.passUnretained(source).toOpaque()
        try check(blwatch_curl_setopt_pointer(handle, CURLOPT_READDATA, context), CURLOPT_READDATA)
        try set(CURLOPT_INFILESIZE_LARGE, large: Int64(bytes.count))
        try set(CURLOPT_UPLOAD, true)
    }

    /// Runs the transfer on the calling thread, blocking until it ends.
    /// - Throws: `CurlError` classified from the `CURLcode`, with the error buffer's text.
    func perform() throws(CurlError) {
        errorBuffer[0] = 0
        let code = blwatch_curl_easy_perform(handle)
        guard code == CURLE_OK else { throw CurlError(curlCode: code, detail: errorText) }
    }

    /// The body collected so far.
    var body: [UInt8] { sink.body }
    /// The header fields of the latest response.
    var headers: [HTTPHeader] { sink.headers }
    /// Whether the transfer was aborted because the body exceeded `maxBodyBytes`.
    var exceededBodyLimit: Bool { sink.exceededLimit }
    /// Every line libcurl passed to the header callback since the latest HTTP status line, without
    /// line endings; for SMTP that is every server reply line, in order.
    var responseLines: [String] { sink.headerLines }
    /// libcurl's message for the last failure, empty if none.
    var errorText: String { String(cString: errorBuffer) }

    /// A `long` info value, 0 when unavailable.
    func info(long info: CURLINFO) -> Int {
        var value = 0
        return blwatch_curl_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    /// A `curl_off_t` info value, 0 when unavailable.
    func info(large info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return blwatch_curl_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    /// A string info value, `nil` when unavailable.
    func info(string info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        guard blwatch_curl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code != CURLE_OK else { return }
        let error = CurlError(curlCode: code, detail: "")
        throw CurlError(error.code, "cannot set curl option \(option.rawValue): \(error.message)", curlCode: code)
    }
}
