import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCurl

/// Proxies from the environment: used for other hosts, never for loopback. The proxy variables go
/// through `proxyEnvironment`, which follows the same rules as the process environment, so the
/// tests never change the environment other tests and their child processes share.
struct HTTPClientProxyTests {
    private func client(_ variables: [String: String]) -> HTTPClient {
        var options = HTTPClientOptions()
        options.proxyEnvironment = variables
        return HTTPClient(options: options)
    }

    @Test func deadProxyDoesNotBreakLoopback() async throws {
        let dead = try await FixtureHTTPServer.start([])
        dead.stop()
        try await withFixtureHTTPServer([FixtureRoute("/", text: "direct")]) { server in
            let client = client(["http_proxy": dead.baseURL, "all_proxy": dead.baseURL])
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/"))
            #expect(String(decoding: response.body, as: UTF8.self) == "direct")
        }
    }

    @Test func proxyIsUsedForOtherHosts() async throws {
        try await withFixtureHTTPServer([]) { proxy in
            let client = client(["http_proxy": proxy.baseURL, "no_proxy": "example.org"])
            let response = try await client.send(HTTPRequest(url: "http://blwatch.invalid/page"))
            #expect(response.status == 404)
            #expect(try proxy.requests().map(\.path) == ["http://blwatch.invalid/page"])
        }
    }

    @Test func noProxyOfTheVariablesIsHonoured() async throws {
        let dead = try await FixtureHTTPServer.start([])
        dead.stop()
        let client = client(["http_proxy": dead.baseURL, "no_proxy": "blwatch.invalid"])
        // Direct, so the name does not resolve (.invalid never does), rather than the dead proxy.
        let error = await #expect(throws: CurlError.self) {
            try await client.send(HTTPRequest(url: "http://blwatch.invalid/page"))
        }
        #expect(error?.code == .resolveFailed)
    }

    @Test(
        arguments: [
            ("http://a.example/", ["http_proxy": "p1", "all_proxy": "p2"], "p1"),
            ("http://a.example/", ["HTTP_PROXY": "p1", "ALL_PROXY": "p2"], "p2"),
            ("https://a.example/", ["HTTPS_PROXY": "p3", "http_proxy": "p1"], "p3"),
            ("https://a.example/", [:], ""),
        ] as [(String, [String: String], String)]
    )
    func proxyChoiceFollowsLibcurl(url: String, variables: [String: String], expected: String) {
        #expect(HTTPClient.proxy(for: url, in: variables) == expected)
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
}
