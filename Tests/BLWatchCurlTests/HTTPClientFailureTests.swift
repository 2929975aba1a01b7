import BLWatchCurl
import BLWatchTestSupport
import Testing

/// Transfers that end without a response, each with its stable code.
@Suite struct HTTPClientFailureTests {
    @Test(
        arguments: [
            // CURLE_FILESIZE_EXCEEDED (63) from Content-Length, else CURLE_WRITE_ERROR (23) from the callback.
            ("with Content-Length", [String: String](), 63),
            ("chunked", ["X-Fixture-Chunked": "1"], 23),
            ("gzipped, small on the wire", ["X-Fixture-Gzip": "1"], 23),
        ] as [(String, [String: String], Int32)]
    )
    func bodyOverTheCapIsTooLarge(label: String, headers: [String: String], curlCode: Int32) async throws {
        let route = FixtureRoute("/big", headers: headers, body: [UInt8](repeating: 48, count: 50_000))
        try await withFixtureHTTPServer([route]) { server in
            let client = HTTPClient(options: .init(maxBodyBytes: 1000))
            let error = await #expect(throws: CurlError.self, "\(label)") {
                try await client.send(HTTPRequest(url: server.baseURL + "/big"))
            }
            #expect(error?.code == .tooLarge)
            #expect(error?.message == "body larger than 1000 bytes")
            #expect(error?.curlCode == curlCode)
        }
    }

    @Test func redirectLoopIsTooManyRedirects() async throws {
        try await withFixtureHTTPServer([.redirect("/loop", to: "/loop")]) { server in
            let client = HTTPClient(options: .init(maxRedirects: 3))
            let error = await #expect(throws: CurlError.self) {
                try await client.send(HTTPRequest(url: server.baseURL + "/loop"))
            }
            #expect(error?.code == .tooManyRedirects)
            #expect(error?.message == "more than 3 redirects")
            let requests = try server.requests()
            #expect(requests.count == 4)
        }
    }

    @Test func slowResponseTimesOut() async throws {
        var slow = FixtureRoute("/slow", text: "late")
        slow.delay = 30
        try await withFixtureHTTPServer([slow]) { server in
            let client = HTTPClient(options: .init(totalTimeout: .seconds(1)))
            let start = ContinuousClock.now
            let error = await #expect(throws: CurlError.self) {
                try await client.send(HTTPRequest(url: server.baseURL + "/slow"))
            }
            // Not a timing test: only "long before the 30 s answer", which a busy machine cannot blur.
            #expect(ContinuousClock.now - start < .seconds(20))
            #expect(error?.code == .timedOut)
            #expect(error?.message == "timed out after 1000 ms")
        }
    }

    @Test func closedPortIsConnectFailed() async throws {
        let server = try await FixtureHTTPServer.start([])
        server.stop()
        let error = await #expect(throws: CurlError.self) {
            try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/"))
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.message == "connection refused by 127.0.0.1 port \(server.port)")
    }

    @Test(arguments: ["ftp://127.0.0.1/file.txt", "file:///etc/hostname", "gopher://127.0.0.1/"])
    func otherSchemesAreUnsupported(url: String) async throws {
        let error = await #expect(throws: CurlError.self) { try await HTTPClient().send(HTTPRequest(url: url)) }
        #expect(error?.code == .unsupportedProtocol)
    }

    @Test func redirectToAnotherSchemeIsUnsupported() async throws {
        try await withFixtureHTTPServer([.redirect("/away", to: "file:///etc/passwd")]) { server in
            let error = await #expect(throws: CurlError.self) {
                try await HTTPClient().send(HTTPRequest(url: server.baseURL + "/away"))
            }
            #expect(error?.code == .unsupportedProtocol)
        }
    }

    @Test func tlsToAPlainHTTPServerIsTLS() async throws {
        try await withFixtureHTTPServer([FixtureRoute("/", text: "plain")]) { server in
            let url = "https://127.0.0.1:\(server.port)/"
            let error = await #expect(throws: CurlError.self) { try await HTTPClient().send(HTTPRequest(url: url)) }
            #expect(error?.code == .tls)
        }
    }

    @Test func malformedURLIsInvalid() async throws {
        let error = await #expect(throws: CurlError.self) { try await HTTPClient().send(HTTPRequest(url: "http://")) }
        #expect(error?.code == .invalidURL)
    }

    @Test func headerWithLineBreakIsRejected() async throws {
        let request = HTTPRequest(url: "http://127.0.0.1:9/", headers: [HTTPHeader("X-Bad", "a\r\nHost: evil")])
        let error = await #expect(throws: CurlError.self) { try await HTTPClient().send(request) }
        #expect(error?.code == .other)
        #expect(error?.message == "request header X-Bad contains a line break")
    }
}
