import Testing

@testable import BLWatchCore

/// What DNSBL TXT answers say (DOMAIN.md §2.3, §3).
struct ReasonExtractorTXTTests {
    @Test func cblStyle() {
        let txt = "Listed by CBL, see http://www.abuseat.org/lookup.cgi?ip=192.0.2.1"
        let extract = ReasonExtractor.extract(fromTXT: txt, subject: "192.0.2.1")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.reasons == [txt])
        #expect(extract.links == ["http://www.abuseat.org/lookup.cgi?ip=192.0.2.1"])
        #expect(extract.delistURL == nil && extract.heloValues.isEmpty && extract.detectedAt.isEmpty)
        #expect(extract.summary == txt)
    }

    @Test func spamCopStyle() {
        let txt = "Blocked - see http://www.spamcop.net/bl.shtml?192.0.2.1"
        let extract = ReasonExtractor.extract(fromTXT: txt, subject: "192.0.2.1")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.reasons == [txt])
        #expect(extract.links == ["http://www.spamcop.net/bl.shtml?192.0.2.1"])
    }

    @Test func bareSpamhausURL() {
        let txt = "https://www.spamhaus.org/query/ip/192.0.2.1"
        let extract = ReasonExtractor.extract(fromTXT: txt, subject: "192.0.2.1")
        #expect(extract.pageVerdict == .unclear)
        #expect(extract.reasons.isEmpty)
        #expect(extract.links == [txt])
        #expect(extract.isEmpty && extract.summary.isEmpty)
        #expect(ReasonExtractor.urls(inTXT: txt) == [txt])
    }

    @Test func detailsInsideATXTAnswer() {
        let txt =
            "Listed in XBL: HELO'ing as localhost, last detected 2026-11-29T10:15:00Z, infected with the Necurs botnet; "
            + "delist at https://bl.example.org/delist?ip=192.0.2.1"
        let extract = ReasonExtractor.extract(fromTXT: txt, subject: "192.0.2.1")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.heloValues == ["localhost"])
        #expect(extract.detectedAt == ["2026-11-29 10:15:00 UTC"])
        #expect(extract.threats == ["Necurs"])
        #expect(extract.delistURL == "https://bl.example.org/delist?ip=192.0.2.1")
    }

    @Test func notListedTXT() {
        let extract = ReasonExtractor.extract(fromTXT: "192.0.2.1 is not listed", subject: "192.0.2.1")
        #expect(extract.pageVerdict == .notListed)
    }

    @Test(arguments: [
        ("see (https://example.org/a?b=1).", ["https://example.org/a?b=1"]),
        (
            "\"http://a.example/x\" and HTTPS://B.EXAMPLE/Y, again http://a.example/x",
            ["http://a.example/x", "HTTPS://B.EXAMPLE/Y"]
        ),
        ("no url here, just httpd and http:// alone", []),
        ("<https://c.example/path#frag>", ["https://c.example/path#frag"]),
        ("", []),
    ])
    func urlsInTXT(txt: String, urls: [String]) {
        #expect(ReasonExtractor.urls(inTXT: txt) == urls)
    }
}
