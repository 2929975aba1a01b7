import Foundation

extension HTTPClient {
    /// The hosts that always bypass a proxy: loopback, by name and by address (CIDR needs libcurl 7.86).
    static let loopbackNoProxy = "localhost,127.0.0.0/8,::1"

    /// The `CURLOPT_NOPROXY` value: the environment's `no_proxy` list plus loopback.
    ///
    /// libcurl reads `http_proxy`, `https_proxy` and `all_proxy` from the environment, and blwatch
    /// keeps that so it works behind a site proxy. But a proxy must never see loopback requests (local
    /// test servers, a local resolver's web UI), and `CURLOPT_NOPROXY` replaces `no_proxy` rather than
    /// adding to it, hence the merge. A lone `*` (bypass everything) is kept as it is, because libcurl
    /// treats `*` as a wildcard only when it is the whole list.
    /// - Parameter environment: the environment's `no_proxy` (or `NO_PROXY`) value, if any.
    /// - Returns: the list to set.
    static func noProxyList(environment: String?) -> String {
        let existing = (environment ?? "").trimmingCharacters(in: .whitespaces)
        if existing == "*" { return existing }
        if existing.isEmpty { return loopbackNoProxy }
        return existing + "," + loopbackNoProxy
    }

    /// `no_proxy`, else `NO_PROXY`, the order libcurl itself checks them in.
    static func environmentNoProxy(_ variables: [String: String]? = nil) -> String? {
        for name in ["no_proxy", "NO_PROXY"] {
            if let variables {
                if let value = variables[name] { return value }
            } else if let value = getenv(name) {
                return String(cString: value)
            }
        }
        return nil
    }

    /// The proxy for `url` by libcurl's own rules, from `variables`: `http_proxy` (lower case only,
    /// as in libcurl, against the CGI `HTTP_PROXY` attack) for http, `https_proxy`/`HTTPS_PROXY` for
    /// https, else `all_proxy`/`ALL_PROXY`; `""` (no proxy) when none is set.
    static func proxy(for url: String, in variables: [String: String]) -> String {
        let names =
            url.lowercased().hasPrefix("https:")
            ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        return names.lazy.compactMap { variables[$0] }.first { !$0.isEmpty } ?? ""
    }
}
