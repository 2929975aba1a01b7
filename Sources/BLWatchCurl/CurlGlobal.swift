import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
///
/// `curl_global_init` is not thread-safe, so it runs inside a `static let`, whose initialiser Swift runs
/// exactly once, guarded by `swift_once`, whichever thread gets there first. It is never cleaned up:
/// handles may be in use on other threads until the process exits.
enum CurlGlobal {
    /// The result of the one `curl_global_init(CURL_GLOBAL_DEFAULT)` call.
    private static let initialized: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Initialises libcurl if this is the first call in the process.
    /// - Throws: `CurlError` when the initialisation failed (it is not retried).
    static func ensureInitialized() throws(CurlError) {
        let code = initialized
        guard code == CURLE_OK else {
            throw CurlError(.other, "libcurl initialisation failed: \(CurlError.text(of: code))", curlCode: code)
        }
    }
}
