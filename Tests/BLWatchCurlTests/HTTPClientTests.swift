import BLWatchCurl
import BLWatchTestSupport
import Testing

/// Successful exchanges against a real server on 127.0.0.1.
@Suite struct HTTPClientTests {
    let client = HTTPClient()

    @Test func getReturnsBodyAndContentType() async throws {
        let page = FixtureRoute(
            "/page",
            headers: ["Content-Type": "text/html; charset=iso-8859-1"],
            body: [0x63, 0x61, 0x66, 0xE9]
        )
        try await withFixtureHTTPServer([page]) { server in
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/page?ip=127.0.0.2"))
            #expect(response.status == 200)
            #expect(response.body == [0x63, 0x61, 0x66, 0xE9])
            #expect(response.contentType == "text/html; charset=iso-8859-1")
            #expect(response.header("CONTENT-length") == "4")
            #expect(response.url == server.baseURL + "/page?ip=127.0.0.2")
            #expect(response.redirectCount == 0)
        }
    }

    @Test func sendsCustomHeadersAndUserAgent() async throws {
        try await withFixtureHTTPServer([FixtureRoute("/", text: "ok")]) { server in
            let client = HTTPClient(options: .init(userAgent: "blwatch-test/1.0"))
            let headers = [HTTPHeader("X-Probe", "abc"), HTTPHeader("X-Empty", "")]
            _ = try await client.send(HTTPRequest(url: server.baseURL + "/", headers: headers))
            let received = try #require(try server.requests().first)
            #expect(received.method == "GET")
            #expect(received.headers["x-probe"] == "abc")
            #expect(received.headers["x-empty"] == "")
            #expect(received.headers["user-agent"] == "blwatch-test/1.0")
        }
    }

    @Test func postSendsBody() async throws {
        try await withFixtureHTTPServer([FixtureRoute("/submit", text: "thanks")]) { server in
            let body = Array("ip=127.0.0.2&reason=test".utf8) + Array(repeating: UInt8(ascii: "x"), count: 2000)
            let request = HTTPRequest(
                url: server.baseURL + "/submit",
                method: .post,
                headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
                body: body
            )
            let response = try await client.send(request)
            #expect(String(decoding: response.body, as: UTF8.self) == "thanks")
            let received = try #require(try server.requests().first)
            #expect(received.method == "POST")
            #expect(received.body == String(decoding: body, as: UTF8.self))
            #expect(received.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(received.headers["expect"] == nil)
        }
    }

    @Test(arguments: [404, 429, 500])
    func errorStatusesAreResponses(status: Int) async throws {
        let route = FixtureRoute("/limited", status: status, headers: ["Retry-After": "60"], text: "slow down")
        try await withFixtureHTTPServer([route]) { server in
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/limited"))
            #expect(response.status == status)
            #expect(response.header("retry-after") == "60")
            #expect(String(decoding: response.body, as: UTF8.self) == "slow down")
        }
    }

    @Test func unknownPathIs404() async throws {
        try await withFixtureHTTPServer([]) { server in
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/missing"))
            #expect(response.status == 404)
        }
    }

    @Test func followsRedirectsAndKeepsOnlyFinalHeaders() async throws {
        let routes = [
            FixtureRoute.redirect("/old", to: "/middle", status: 301),
            FixtureRoute.redirect("/middle", to: "/new"),
            FixtureRoute("/new", headers: ["X-Final": "yes"], text: "moved here"),
        ]
        try await withFixtureHTTPServer(routes) { server in
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/old"))
            #expect(response.status == 200)
            #expect(response.url == server.baseURL + "/new")
            #expect(response.redirectCount == 2)
            #expect(response.header("location") == nil)
            #expect(response.header("x-final") == "yes")
            #expect(String(decoding: response.body, as: UTF8.self) == "moved here")
            #expect(try server.requests().map(\.path) == ["/old", "/middle", "/new"])
        }
    }

    @Test func decodesCompressedBodies() async throws {
        let text = String(repeating: "listed ", count: 500)
        try await withFixtureHTTPServer([FixtureRoute("/z", headers: ["X-Fixture-Gzip": "1"], text: text)]) { server in
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/z"))
            #expect(response.header("content-encoding") == "gzip")
            #expect(String(decoding: response.body, as: UTF8.self) == text)
            #expect(try server.requests().first?.headers["accept-encoding"]?.contains("gzip") == true)
        }
    }

    @Test func bodyExactlyAtTheCapIsAccepted() async throws {
        let body = [UInt8](repeating: 65, count: 1000)
        try await withFixtureHTTPServer([FixtureRoute("/b", headers: ["X-Fixture-Chunked": "1"], body: body)]) {
            server in
            let client = HTTPClient(options: .init(maxBodyBytes: 1000))
            let response = try await client.send(HTTPRequest(url: server.baseURL + "/b"))
            #expect(response.body == body)
        }
    }

    @Test func blockingPerformWorks() async throws {
        try await withFixtureHTTPServer([FixtureRoute("/", text: "ok")]) { server in
            // Blocks this cooperative thread for a moment; production code calls `send` instead.
            let response = try client.perform(HTTPRequest(url: server.baseURL + "/"))
            #expect(response.status == 200)
        }
    }

    @Test func manyConcurrentSendsAllSucceed() async throws {
        var slow = FixtureRoute("/slow", text: "done")
        slow.delay = 2
        try await withFixtureHTTPServer([slow]) { server in
            let start = ContinuousClock.now
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await client.send(HTTPRequest(url: server.baseURL + "/slow?n=\(index)")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 20))
            // One by one would take 40 s; together about 2 s. The margin absorbs a busy machine.
            #expect(ContinuousClock.now - start < .seconds(25))
            #expect(Set(try server.requests().map(\.path)).count == 20)
        }
    }
}
