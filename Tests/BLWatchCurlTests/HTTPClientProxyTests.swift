import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCurl

/// Proxies from the environment: used for other hosts, never for loopback. Serialized because it
/// changes the process environment.
@Suite(.serialized) struct HTTPClientProxyTests {
    @Test func deadProxyDoesNotBreakLoopback() async throws {
        let dead = try await FixtureHTTPServer.start([])
        dead.stop()
        try await withEnvironment(["http_proxy": dead.baseURL, "all_proxy": dead.baseURL]) {
            try await withFixtureHTTPServer([FixtureRoute("/", text: "direct")]) { server in
                let response = try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/"))
                #expect(String(decoding: response.body, as: UTF8.self) == "direct")
            }
        }
    }

    @Test func proxyIsUsedForOtherHosts() async throws {
        try await withFixtureHTTPServer([]) { proxy in
            try await withEnvironment(["http_proxy": proxy.baseURL, "no_proxy": "example.org"]) {
                let response = try await HTTPClient().send(HTTPRequest(url: "http://blwatch.invalid/page"))
                #expect(response.status == 404)
                #expect(try proxy.requests().map(\.path) == ["http://blwatch.invalid/page"])
            }
        }
    }

    @Test(
        arguments: [
            (nil, "localhost,127.0.0.0/8,::1"),
            ("", "localhost,127.0.0.0/8,::1"),
            ("example.org, .corp", "example.org, .corp,localhost,127.0.0.0/8,::1"),
            (" * ", "*"),
        ] as [(String?, String)]
    )
    func noProxyListAddsLoopback(environment: String?, expected: String) {
        #expect(HTTPClient.noProxyList(environment: environment) == expected)
    }

    /// Sets `values` for the duration of `body`, then restores what was there.
    private func withEnvironment(_ values: [String: String], _ body: () async throws -> Void) async throws {
        let names = ["http_proxy", "https_proxy", "all_proxy", "no_proxy", "NO_PROXY"]
        let saved = names.map { name in (name, ProcessInfo.processInfo.environment[name]) }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        for (name, _) in saved { unsetenv(name) }
        for (name, value) in values { setenv(name, value, 1) }
        try await body()
    }
}
