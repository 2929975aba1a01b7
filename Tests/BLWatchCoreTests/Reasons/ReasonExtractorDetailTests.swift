import Testing

@testable import BLWatchCore

/// The single pieces: timestamps, HELO phrases, threat names, verdict preference and rows.
struct ReasonExtractorDetailTests {
    @Test(arguments: [
        ("last detected 2026-11-29 10:15:00", ["2026-11-29 10:15:00 UTC"]),
        ("at 2026-11-29T10:15:00Z", ["2026-11-29 10:15:00 UTC"]),
        ("at 2026-11-29T10:15:00.123Z", ["2026-11-29 10:15:00 UTC"]),
        ("at 2026-11-29 10:15 GMT (+/- 30 minutes)", ["2026-11-29 10:15 UTC"]),
        ("Sun Nov 29 10:15:00 2026 UTC", ["2026-11-29 10:15:00 UTC"]),
        ("Sun, 29 Nov 2026 10:15:00 +0000", ["2026-11-29 10:15:00 UTC"]),
        ("2026-11-29T01:15:00+02:00", ["2026-11-28 23:15:00 UTC"]),
        ("2026-12-31 23:30 -01:00", ["2027-01-01 00:30 UTC"]),
        ("Nov 29, 2026 10:15 UTC", ["2026-11-29 10:15 UTC"]),
        ("2024-02-29 12:00:00 UTC", ["2024-02-29 12:00:00 UTC"]),
        ("2026-11-29 10:15 CET", ["2026-11-29 10:15 CET"]),
        ("listed since 2026-11-29.", ["2026-11-29"]),
        ("2026-02-30 10:00", []),
        ("version 1.2.3 at 10:15", []),
        ("2026-11-29 10:15:00 and 2026-11-28 09:00:00", ["2026-11-29 10:15:00 UTC", "2026-11-28 09:00:00 UTC"]),
    ])
    func timestamps(text: String, expected: [String]) {
        #expect(DetectionTime.find(in: text) == expected)
    }

    @Test(arguments: [
        (#"This IP address is HELO'ing as "localhost" which violates the relevant standards."#, ["localhost"]),
        (#"This IP address is HELO'ing as "" which violates the relevant standards."#, ["(empty)"]),
        ("It HELOs as 127.0.0.1, a violation of RFC2821/5321 section 4.1.1.1.", ["127.0.0.1"]),
        ("The HELO name for IP address 192.0.2.1 was 'localhost'.", ["localhost"]),
        ("Seen with helo=mail.example.net and EHLO value “[192.0.2.1]”.", ["mail.example.net", "[192.0.2.1]"]),
        ("The server sent an empty HELO.", ["(empty)"]),
        ("Its HELO value was empty.", ["(empty)"]),
        (#"501 5.5.4 HELO/EHLO argument "bad name" invalid, closing connection."#, ["bad name"]),
        (#"Use a HELO such as "mail.example.com" instead."#, []),
        ("The HELO must not be empty.", []),
        ("HELO checks are described in RFC 5321.", []),
        ("Othello is not a greeting.", []),
    ])
    func heloPhrases(text: String, expected: [String]) throws {
        let sentence = try #require(PageSentence.split(Array(text.utf8)).first)
        let advice = ReasonExtractor.isAdvice(sentence)
        #expect(HELOValueFinder.values(in: sentence, isAdvice: advice) == expected)
    }

    @Test(arguments: [
        ("It appears to be infected with the Cutwail botnet.", ["Cutwail"]),
        ("This host is part of the Necurs botnet.", ["Necurs"]),
        ("Bot name: Mirai", ["Mirai"]),
        ("malware: Emotet, seen 3 times", ["Emotet"]),
        ("It is infected by Andromeda/Gamarue.", ["Andromeda/Gamarue"]),
        ("It is infected with a spambot.", []),
        ("It is infected with some kind of malware.", []),
        ("It was sending spam through a botnet.", []),
    ])
    func threatNames(text: String, expected: [String]) {
        #expect(ThreatFinder.names(in: text) == expected)
    }

    @Test(arguments: [
        (
            "<p>If your IP is listed, read the FAQ.</p><p>192.0.2.1 is not listed.</p>",
            ReasonExtract.PageVerdict.notListed
        ),
        ("<p>192.0.2.1 is listed in the XBL.</p><p>192.0.2.1 is not listed in the SBL.</p>", .listed),
        ("<p>192.0.2.18 is listed in the XBL.</p><p>192.0.2.1 is not listed.</p>", .notListed),
        ("<p>Some IPs are listed in the XBL.</p><p>Other IPs are not listed.</p>", .unclear),
        ("<h2>Why was this IP listed?</h2><p>It sent spam.</p>", .listed),
        ("<p>This IP address is not currently listed.</p><p>Listed IPs can be removed.</p>", .notListed),
        ("<p>No incidents regarding 192.0.2.1 found.</p>", .notListed),
        ("<p>Welcome to the lookup page.</p>", .unclear),
    ])
    func verdicts(html: String, verdict: ReasonExtract.PageVerdict) {
        #expect(ReasonExtractor.extract(from: PageFixture.parse(html), subject: "192.0.2.1").pageVerdict == verdict)
    }

    @Test func rowsAboutOtherAddressesAreSkipped() {
        let page = PageFixture.parse(
            """
            <p>192.0.2.83 is listed.</p><table><tr><th>IP</th><th>UTC timestamp</th><th>HELO</th></tr>
            <tr><td>192.0.2.99</td><td>2026-11-29 11:00:00</td><td>other.example</td></tr>
            <tr><td>192.0.2.83</td><td>2026-11-29 10:15:00</td><td>-</td></tr></table>
            """
        )
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.83")
        #expect(extract.detectedAt == ["2026-11-29 10:15:00 UTC"])
        #expect(extract.heloValues == ["(empty)"])
    }

    @Test func rowsWrittenAsTextLines() {
        let page = PageFixture.parse(
            """
            <p>Why was this IP listed?</p><p>Technical information (IP, UTC timestamp, HELO value)</p>
            <pre>3.93.33.11 2022-02-26 08:00:00 gmail.com
            3.93.33.11 2022-02-25 07:00:00</pre>
            """
        )
        let extract = ReasonExtractor.extract(from: page, subject: "3.93.33.11")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.detectedAt == ["2022-02-26 08:00:00 UTC", "2022-02-25 07:00:00 UTC"])
        #expect(extract.heloValues == ["gmail.com", "(empty)"])
    }

    @Test func reasonsAreShortenedAndCapped() {
        let long =
            "This IP address was detected sending mail while infected with the Tofsee botnet, "
            + String(repeating: "and the report goes on and on ", count: 20) + "until it ends."
        let page = PageFixture.parse("<p>192.0.2.1 is listed.</p><p>\(long)</p>")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
        #expect(extract.reasons.count == 1)
        #expect((extract.reasons.first?.count ?? 0) <= 300 && extract.reasons.first?.hasSuffix("…") == true)
        #expect(extract.threats == ["Tofsee"])
    }

    @Test func timesAndHELOValuesAreCapped() {
        let rows = (0..<15).map {
            "<tr><td>192.0.2.1</td><td>2026-11-\(10 + $0) 10:00:00</td><td>h\($0).example</td></tr>"
        }
        let page = PageFixture.parse("<p>192.0.2.1 is listed. HELO values:</p><table>\(rows.joined())</table>")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
        #expect(extract.detectedAt.count == 5 && extract.heloValues.count == 10)
        #expect(extract.latestDetection == "2026-11-14 10:00:00 UTC")
    }

    @Test func delistLinkPrefersTheMostSpecific() {
        let page = PageFixture.parse(
            """
            <p>192.0.2.1 is listed.</p><a href="/privacy#remove-cookies">Remove cookies</a>
            <a href="/removal-info">About removal</a><a href="/delist?ip=192.0.2.1">Delist 192.0.2.1</a>
            """
        )
        #expect(
            ReasonExtractor.extract(from: page, subject: "192.0.2.1").delistURL
                == "https://lookup.example/delist?ip=192.0.2.1"
        )
    }
}
