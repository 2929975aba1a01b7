import Testing

@testable import BLWatchCore

/// Saved lookup pages, mutated, must never trap the reader or the extractor; each input that ever
/// trapped (`scripts/fuzz`, target lookup-page) is frozen below as a named test with its bytes inline.
///
/// `LookupPageRobustnessTests` feeds random bytes, random markup fragments and megabyte-sized
/// pathologies; this suite starts from the real pages under `Fixtures/pages` instead, so the
/// mutations land in charset declarations, tables, forms and sentences the extractor reads.
struct LookupPageFuzzRegressionTests {
    /// The saved pages, with the subject and `Content-Type` their fixture tests use.
    static let pages: [(name: String, subject: String, contentType: String?)] = [
        ("spamhaus-listed-helo", "192.0.2.83", "text/html"),
        ("cbl-classic-listed", "192.0.2.84", "text/html"),
        ("spamcop-listed", "192.0.2.85", "text/html; charset=utf-8"),
        ("psbl-listed", "192.0.2.86", nil),
        ("latin1-listed", "192.0.2.87", "text/html; charset=iso-8859-1"),
        ("not-listed", "192.0.2.10", "text/html"),
        ("captcha", "192.0.2.1", "text/html"),
        ("javascript-only", "192.0.2.1", nil),
    ]

    /// Markup and phrases the reader and the extractor act on, spliced into the pages.
    static let tokens: [[UInt8]] =
        [
            "<", ">", "</", "<a href=", "</a>", "<form action=", "</form>", "<input type=submit value=", "<td>",
            "</td>", "<tr>", "</table>", "<br>", "<p>", "<script>", "</script>", "<!--", "-->", "<title>",
            "<base href=", "<meta charset=", "&#x", "&amp;", "&nbsp;", ";", "\"", "'", "=", " ", "\n", "\t",
            "192.0.2.1", " is listed", " is not listed", "HELO", "helo=", " UTC", "2026-11-29 10:15:00",
            "http://", "https://x/delist", "captcha", ". ", "\u{FFFD}", "é",
        ].map { Array($0.utf8) } + [[0x00], [0xC2], [0xA0], [0xFF], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF]]

    /// Reads a page as `PageReasonFetcher` does for a 200 answer, and its start as a DNSBL TXT answer
    /// as `ReasonCollector` does.
    /// - Returns: the page and its verdict (`nil` when the page is an obstacle such as a captcha).
    @discardableResult
    static func process(_ body: [UInt8], contentType: String?, subject: String) -> (LookupPage, ReasonExtract?) {
        let page = LookupPage.parse(body: body, contentType: contentType, url: "https://lookup.example/?ip=\(subject)")
        let extract =
            ReasonExtractor.obstacle(status: 200, page: page) == nil
            ? ReasonExtractor.extract(from: page, subject: subject) : nil
        _ = ReasonExtractor.extract(fromTXT: String(decoding: body.prefix(4096), as: UTF8.self), subject: subject)
        return (page, extract)
    }

    @Test func mutatedSavedPagesNeverTrap() throws {
        let bodies = try Self.pages.map { try PageFixture.bytes($0.name) }
        var mutator = SeededMutator(seed: 0x0F0_22ED, tokens: Self.tokens)
        var listed = 0
        var badLinks: [String] = []
        let rounds = 800
        for _ in 0..<rounds {
            let pick = mutator.below(Self.pages.count)
            var body = bodies[pick]
            for _ in 0...mutator.below(6) {
                mutator.mutate(&body)
            }
            let (page, extract) = Self.process(
                body,
                contentType: Self.pages[pick].contentType,
                subject: Self.pages[pick].subject
            )
            if extract?.pageVerdict == .listed {
                listed += 1
            }
            // LookupPage's promise: only absolute http(s) links are kept.
            badLinks += page.links.map(\.url).filter {
                !$0.lowercased().hasPrefix("http://") && !$0.lowercased().hasPrefix("https://")
            }
        }
        #expect(badLinks.isEmpty)
        // Most mutations leave a listed page listed; some break the sentence that says so.
        #expect(listed > rounds / 4 && listed < rounds, "\(listed) of \(rounds) listed")
    }

    /// libFuzzer, lookup-page target, minimized (its header line `1` dropped: subject "1", no
    /// Content-Type). Invalid UTF-8, so read as Windows-1252: each 0xFF becomes two bytes of form text.
    /// When the text stood one byte short of its 512-byte cap, the space before the next run took it
    /// to 513, and `CollapsingText.append(run:)` asked for a prefix of length -1.
    @Test func formTextOverItsCapBySeparator() {
        let body: [UInt8] = [
            0x3C, 0x66, 0x6F, 0x72, 0x6D, 0x20, 0x6D, 0x65, 0x70, 0x20, 0x61, 0x63, 0x74, 0x69, 0x6F, 0x6E,
            0x20, 0x6E, 0x70, 0x6D, 0x3E, 0x0A, 0x6C, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x6D, 0x6C, 0x3E,
            0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x6C, 0x3E, 0x3E, 0x0A, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0x3E, 0x0A, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A,
            0x3E, 0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0xFF, 0xFF, 0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF,
            0xFF, 0xFF, 0x0A, 0x3E, 0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0x0A, 0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0x0A,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A, 0x3E,
            0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0xFF, 0x70, 0x6D, 0x6C, 0x3E, 0x0A, 0x61, 0x63, 0xEF, 0xBF, 0xBD,
            0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xBD, 0xEF, 0xBF, 0xFF, 0x77,
            0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A, 0x3E, 0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0x0A, 0x3E,
            0xF9, 0xFF, 0xFF, 0xFF, 0x0A, 0xBD, 0xC3, 0xAF, 0xC2, 0xBF, 0xC2, 0xBD, 0xC3, 0xAF, 0xC2, 0xBF,
            0xC2, 0xBD, 0xC3, 0xAF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF,
            0xC3, 0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A,
            0x3E, 0x0A, 0x6C, 0x3E, 0x0A, 0x3E, 0xBF, 0xC2, 0xBD, 0xC3, 0xAF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3,
            0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0xBD, 0xC3, 0xAF,
            0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A, 0x3E, 0x0A, 0x6C, 0x3E,
            0x0A, 0x3E, 0x3E, 0x0A, 0x63, 0xC3, 0xAF, 0xC2, 0xBF, 0xC2, 0xBD, 0xC3, 0xAF, 0xC2, 0xBF, 0xC2,
            0xBD, 0xC3, 0xAF, 0xC2, 0xBF, 0xC2, 0xBD, 0xC3, 0xAF, 0xC2, 0xBF, 0xC2, 0xBD, 0xC3, 0xAF, 0xC3,
            0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xC3, 0xBF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0x77, 0x6C, 0x3E, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0A, 0x3E, 0x0A, 0x6C, 0x3E, 0x0A,
            0x3E,
        ]
        let (page, _) = Self.process(body, contentType: nil, subject: "1")
        #expect(page.text.hasPrefix("lÿÿÿÿÿÿml>wl>"))
    }

    /// Hand-reduced from the input above: link text one byte short of its cap, then a space and a word.
    @Test func linkTextOneByteShortOfItsCap() {
        let text = String(repeating: "a", count: 511)
        let (page, _) = Self.process(Array("<a href=/x>\(text) bb</a>".utf8), contentType: nil, subject: "1")
        #expect(page.text == text + " bb")
        #expect(page.links.map(\.url) == ["https://lookup.example/x"])
        #expect(page.links.first?.text.hasPrefix(text + " b") == true)
    }
}
