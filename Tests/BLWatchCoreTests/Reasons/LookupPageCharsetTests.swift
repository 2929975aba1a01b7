import Testing

@testable import BLWatchCore

/// Which charset a page is decoded with: Content-Type, then `<meta>`, then UTF-8 if valid, else Windows-1252.
struct LookupPageCharsetTests {
    static let url = "https://lookup.example.fr/verifier?ip=192.0.2.87"

    @Test(arguments: ["text/html; charset=iso-8859-1", "text/html; charset=\"ISO-8859-1\"", "text/html", nil])
    func latin1FixtureDecodes(contentType: String?) throws {
        let page = try PageFixture.page("latin1-listed", url: Self.url, contentType: contentType)
        #expect(page.title == "Résultat de la vérification - 192.0.2.87")
        #expect(page.text.contains("Cette adresse IP a envoyé des messages avec le HELO \"mail.büro-müller.example\""))
        #expect(page.text.contains("Généré à 12°C"))
        #expect(page.text.contains("Liste de blocage « Prüfliste »"))
    }

    @Test func metaCharsetAloneDecidesForBytesThatAreAlsoValidUTF8() {
        // "Ã©" in UTF-8 is C3 83 C2 A9; C3 A9 is valid UTF-8 ("é") but the meta tag says Latin-1.
        let body = Array(#"<meta charset="iso-8859-1"><p>caf"#.utf8) + [0xC3, 0xA9] + Array("</p>".utf8)
        #expect(LookupPage.parse(body: body, contentType: "text/html", url: "").text == "cafÃ©")
        let httpEquiv =
            Array(#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252"><p>caf"#.utf8)
            + [0xC3, 0xA9, 0x80]
        #expect(LookupPage.parse(body: httpEquiv, contentType: nil, url: "").text == "cafÃ©€")
    }

    @Test func contentTypeWinsOverMeta() {
        let body = Array(#"<meta charset="iso-8859-1"><p>caf"#.utf8) + [0xC3, 0xA9]
        #expect(LookupPage.parse(body: body, contentType: "text/html; charset=utf-8", url: "").text == "café")
    }

    @Test func metaBeyondTwoKiBIsIgnored() {
        let padding = "<!--" + String(repeating: "x", count: 2100) + "-->"
        let body = Array((padding + #"<meta charset="iso-8859-1"><p>caf"#).utf8) + [0xC3, 0xA9]
        #expect(LookupPage.parse(body: body, contentType: nil, url: "").text == "café")
    }

    @Test func invalidUTF8FallsBackToWindows1252() {
        let body = Array("<p>Pr".utf8) + [0xFC] + Array("fliste ".utf8) + [0x93, 0x71, 0x94, 0x20, 0xB0]
        #expect(LookupPage.parse(body: body, contentType: nil, url: "").text == "Prüfliste “q” °")
    }

    @Test func unknownCharsetFallsBackToSniffing() {
        let body = Array("<p>café</p>".utf8)
        #expect(LookupPage.parse(body: body, contentType: "text/html; charset=x-klingon", url: "").text == "café")
    }

    @Test func declaredUTF8WithBadBytesUsesReplacementCharacters() {
        let body = Array("<p>a".utf8) + [0xFF] + Array("b</p>".utf8)
        #expect(LookupPage.parse(body: body, contentType: "text/html; charset=utf-8", url: "").text == "a\u{FFFD}b")
    }

    @Test func byteOrderMarksAreHonoured() {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array("<p>é</p>".utf8)
        #expect(LookupPage.parse(body: utf8, contentType: "text/html; charset=iso-8859-1", url: "").text == "é")
        let units: [UInt8] = "<p>é</p>".utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let utf16: [UInt8] = [0xFF, 0xFE] + units
        #expect(LookupPage.parse(body: utf16, contentType: nil, url: "").text == "é")
    }

    @Test func usASCIILabelIsReadAsWindows1252() {
        let body = Array("<p>".utf8) + [0xE9] + Array("</p>".utf8)
        #expect(LookupPage.parse(body: body, contentType: "text/html; charset=us-ascii", url: "").text == "é")
    }
}
