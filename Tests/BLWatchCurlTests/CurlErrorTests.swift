import Testing

@testable import BLWatchCurl

struct CurlErrorTests {
    @Test func equalityComparesCodesOnly() {
        #expect(CurlError(.timedOut, "timed out after 1000 ms") == CurlError(.timedOut, "", curlCode: 28))
        #expect(CurlError(.timedOut, "x") != CurlError(.tls, "x"))
        #expect(CurlError(.tls, "certificate expired").description == "certificate expired")
    }

    @Test(arguments: [
        ("Could not resolve host: blwatch.invalid\n", "could not resolve host: blwatch.invalid"),
        (
            "SSL certificate problem: unable to get local issuer certificate.",
            "SSL certificate problem: unable to get local issuer certificate"
        ),
        ("  ", ""),
    ])
    func messagesAreSentences(raw: String, expected: String) {
        #expect(CurlError.sentence(raw) == expected)
    }
}
