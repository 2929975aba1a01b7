import BLWatchTestSupport
import Testing

@testable import BLWatchCore

/// Hostile and broken input: nothing traps, and megabyte inputs take linear time.
struct LookupPageRobustnessTests {
    static let url = "https://lookup.example/check?ip=192.0.2.1"
    static let mebibyte = 1 << 20

    /// Parses, extracts and classifies, as a monitor would.
    @discardableResult
    static func process(_ body: [UInt8], contentType: String? = nil) -> LookupPage {
        let page = LookupPage.parse(body: body, contentType: contentType, url: url)
        _ = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
        _ = ReasonExtractor.obstacle(status: 200, page: page)
        _ = ReasonExtractor.extract(fromTXT: String(decoding: body.prefix(4096), as: UTF8.self), subject: "192.0.2.1")
        return page
    }

    @Test func randomBytes() {
        var generator = SeededRandom(seed: 0x5EED_B1A7)
        for round in 0..<60 {
            let body = generator.bytes(Int(generator.next() % (64 * 1024 + 1)))
            Self.process(body, contentType: round.isMultiple(of: 3) ? "text/html; charset=utf-8" : nil)
        }
    }

    @Test func randomMarkupFragments() {
        let fragments = [
            "<", ">", "</", "<!--", "-->", "<!", "&", "&#", "&#x", ";", "\"", "'", "=", " ", "\n", "<a href=", "</a>",
            "<script>", "</script>", "<script", "<style>", "<td>", "<tr>", "</table>", "<table>", "<title>", "<br>",
            "<svg>", "</svg>", "<pre>", "</pre>", "é", "\u{FFFD}", "\0", "192.0.2.1", " is listed", " is not listed",
            "HELO'ing as \"", "infected with the ", "2026-11-29 10:15:00", " UTC", "helo=", "<form action=", "&nbsp;",
            "<input type=submit value=", "Request removal", "http://", "captcha", ". ", "“", "’",
        ].map { Array($0.utf8) }
        var generator = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let count = Int.random(in: 0...2000, using: &generator)
            let body = (0..<count).flatMap { _ in fragments.randomElement(using: &generator) ?? [] }
            Self.process(body)
        }
    }

    @Test func unterminatedScript() {
        let open = Self.process(Array("<p>before</p><script".utf8) + Array(repeating: 0x61, count: 1000))
        #expect(open.text == "before")
        let unclosed = Self.process(Array("<p>before</p><script>var a = '<p>not text</p>';".utf8))
        #expect(unclosed.text == "before" && unclosed.scriptCount == 1)
    }

    @Test func unterminatedCommentAndQuote() {
        #expect(Self.process(Array("<p>a</p><!-- never closed <p>b</p>".utf8)).text == "a")
        #expect(Self.process(Array(#"<p>a</p><div title="never closed><p>b</p>"#.utf8)).text == "a")
    }

    @Test func oneMebibyteOfLessThanSigns() {
        let page = Self.process(Array(repeating: UInt8(ascii: "<"), count: Self.mebibyte))
        #expect(page.text.utf8.count == Self.mebibyte)
    }

    @Test func oneMebibyteOfOpenTags() {
        let page = Self.process(Array(String(repeating: "<a", count: Self.mebibyte / 2).utf8))
        #expect(page.text.isEmpty)
    }

    @Test func oneMebibyteOfMarkupNoise() {
        let unit = "<td>&amp;&#1;&#x;x</td><!-- --><a href=\"/x\">. </a><script>1</script>"
        let body = Array(String(repeating: unit, count: Self.mebibyte / unit.utf8.count).utf8)
        let page = Self.process(body)
        #expect(page.scriptCount > 10_000)
        #expect(page.links.count == 1)  // one distinct URL
    }

    @Test func oneMebibyteOfSentences() {
        let body = Array(String(repeating: "HELO'ing as \"x\". a. ", count: Self.mebibyte / 21).utf8)
        let page = LookupPage.parse(body: body, contentType: nil, url: Self.url)
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
        #expect(extract.heloValues == ["x"])
    }

    @Test func hugeAttribute() {
        let value = String(repeating: "x", count: 200 * 1024)
        let linked = Self.process(Array("<a href=\"/\(value)\">link</a><p title='\(value)'>after</p>".utf8))
        #expect(linked.text == "link\nafter")
        #expect(linked.links.isEmpty)  // longer than any real link
        let unquoted = Self.process(Array("<div data-x=\(value)>text</div>".utf8))
        #expect(unquoted.text == "text")
    }

    @Test func deepNestingAndManyRows() {
        let nested =
            String(repeating: "<div><span>", count: 50_000) + "deep" + String(repeating: "</span></div>", count: 50_000)
        #expect(Self.process(Array(nested.utf8)).text == "deep")
        let rows = String(repeating: "<tr><td>192.0.2.1</td><td>2026-11-29 10:15:00</td><td>h</td></tr>", count: 20_000)
        let page = Self.process(Array("<p>HELO</p><table>\(rows)</table>".utf8))
        #expect(page.tableRows.count == HTMLText.maximumRows)
    }

    @Test func hostileCharsetDeclarations() {
        let metas =
            String(repeating: "<meta charset=", count: 200) + "<meta charset=\"" + String(repeating: "z", count: 3000)
        #expect(Self.process(Array(metas.utf8)).text.isEmpty)
        #expect(Self.process([0xFF, 0xFE, 0x41], contentType: "text/html; charset=").text.isEmpty)
        #expect(Self.process([0xFE, 0xFF], contentType: ";;;=;charset").text.isEmpty)
    }
}
