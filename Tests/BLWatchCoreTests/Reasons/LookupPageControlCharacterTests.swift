import Testing

@testable import BLWatchCore

/// A lookup page's text is printed by `status`, `reason` and alert mail: control characters from the
/// page (raw, or as references), which could drive the operator's terminal, never get through.
struct LookupPageControlCharacterTests {
    static let url = "https://lookup.example/check?ip=192.0.2.1"

    /// C0 controls but the line break, DEL, and the C1 controls (U+009B is a one-character CSI).
    static func controls(in text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
    }

    @Test(arguments: [
        ("raw escape sequences", "<p>192.0.2.1 is listed \u{1B}[2J\u{1B}]0;owned\u{07} since today</p>"),
        ("NUL and backspace", "<p>192.0.2.1\0 is listed\u{08}\u{08} here</p>"),
        ("character references", "<p>&#27;[31mlisted&#x1b;[0m &#0; &#127; &#x7F;</p>"),
        ("raw C1 controls", "<p>listed \u{9B}2J and \u{9D}0;owned\u{9C} here</p>"),
        ("C1 references", "<p>listed &#x9b;2J &#155;</p>"),
        (
            "title, link and table",
            "<title>t\u{1B}[2J</title><a href=\"/x\">l\u{1B}[5mink</a><table><tr><td>a\u{9B}b</td></tr></table>"
        ),
        ("HELO value", "<p>192.0.2.1 was HELO'ing as \"mail\u{1B}[2J.example\" at 2026-11-29 10:15:00 UTC</p>"),
    ])
    func noControlCharacterReachesTheText(label: String, html: String) {
        let page = LookupPage.parse(body: Array(html.utf8), contentType: "text/html; charset=utf-8", url: Self.url)
        #expect(Self.controls(in: page.text).isEmpty, "\(label): \(page.text.unicodeScalars.map(\.value))")
        #expect(Self.controls(in: page.title ?? "").isEmpty)
        #expect(page.links.allSatisfy { Self.controls(in: $0.text + $0.url).isEmpty })
        #expect(page.tableRows.joined().allSatisfy { Self.controls(in: $0).isEmpty })
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
        let strings = extract.reasons + extract.detectedAt + extract.heloValues + extract.threats + extract.links
        #expect(strings.allSatisfy { Self.controls(in: $0).isEmpty }, "\(label): \(strings)")
        #expect(Self.controls(in: extract.summary).isEmpty)
    }

    /// Latin-1 bytes 0x80-0x9F are Windows-1252 printable characters there (HTML's rule), not C1.
    @Test func windows1252BytesArePrintable() {
        let page = LookupPage.parse(
            body: Array("<p>listed ".utf8) + [0x93, 0x9B, 0x94] + Array("</p>".utf8),
            contentType: "text/html; charset=iso-8859-1",
            url: Self.url
        )
        #expect(page.text == "listed “›”")
    }
}
