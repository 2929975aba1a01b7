import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
///
/// libcurl is opened with `dlopen` on first use (`Sources/CCurl`), so a run that fetches nothing
/// never loads it. `curl_global_init` is not thread-safe, so it runs inside a `static let`, whose
/// initialiser Swift runs exactly once, guarded by `swift_once`, whichever thread gets there first.
/// It is never cleaned up: handles may be in use on other threads until the process exits.
enum CurlGlobal {
    /// Why libcurl could not be loaded, or the result of the one
    /// `curl_global_init(CURL_GLOBAL_DEFAULT)` call.
    private static let initialized: Result<Void, CurlError> = {
        if let reason = blwatch_curl_load_error() {
            return .failure(CurlError(.other, String(cString: reason)))
        }
        let code = blwatch_curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard code == CURLE_OK else {
            return .failure(
                CurlError(.other, "libcurl initialisation failed: \(CurlError.text(of: code))", curlCode: code)
            )
        }
        return .success(())
    }()

    /// Loads and initialises libcurl if this is the first call in the process.
    /// - Throws: `CurlError` when libcurl is missing or its initialisation failed (not retried).
    static func ensureInitialized() throws(CurlError) {
        try initialized.get()
    }
}
