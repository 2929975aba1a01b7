import Foundation
import Testing

@testable import BLWatchCore

/// The alert mail is plain 7-bit RFC 5322 + MIME whatever the text holds.
struct MailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_795_950_000)  // 2026-11-29 11:00:00 UTC, a Sunday

    @Test func datesAreRFC5322InUTC() {
        #expect(MailMessage.rfc5322Date(Self.date) == "Sun, 29 Nov 2026 11:00:00 +0000")
    }

    @Test func asciiSubjectsStayAndOthersBecomeEncodedWords() {
        #expect(MailMessage.encodedHeader("[blwatch] 3 changes") == "[blwatch] 3 changes")
        let encoded = MailMessage.encodedHeader("[blwatch] détecté sur la liste")
        #expect(encoded.hasPrefix("=?UTF-8?B?") && encoded.hasSuffix("?="))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.allSatisfy { $0.count <= 75 })
        let decoded = words.map { word in
            String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == "[blwatch] détecté sur la liste")
    }

    @Test func quotedPrintableKeepsLinesShortAndBytesSafe() {
        let text = "HELO seen: (empty)\nwhy: " + String(repeating: "é=x ", count: 40) + "\ntrailing space "
        let encoded = MailMessage.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(encoded.utf8.allSatisfy { $0 < 128 })
        #expect(lines.first == "HELO seen: (empty)")
        #expect(lines.last == "trailing space=20")
        #expect(encoded.contains("=C3=A9=3Dx"))
    }

    @Test func aMessageWithHTMLIsMultipartAlternative() {
        let message = MailMessage(
            from: "blwatch@example.net",
            to: ["a@example.net", "b@example.org"],
            subject: "[blwatch] 192.0.2.83 listed on Spamhaus XBL",
            date: Self.date,
            messageID: "<blwatch.1.2.3@mx.example.net>",
            text: "plain",
            html: "<p>html</p>",
            extraHeaders: [("Auto-Submitted", "auto-generated")]
        )
        let text = String(decoding: message.rendered(), as: UTF8.self)
        #expect(text.hasPrefix("Date: Sun, 29 Nov 2026 11:00:00 +0000\r\nFrom: blwatch@example.net\r\n"))
        #expect(text.contains("\r\nTo: a@example.net, b@example.org\r\n"))
        #expect(text.contains("\r\nAuto-Submitted: auto-generated\r\n"))
        #expect(
            text.contains("Content-Type: multipart/alternative; boundary=\"=_blwatch_blwatch.1.2.3mx.example.net\"")
        )
        #expect(
            text.contains("\r\n--=_blwatch_blwatch.1.2.3mx.example.net\r\nContent-Type: text/plain; charset=utf-8\r\n")
        )
        #expect(text.contains("\r\n--=_blwatch_blwatch.1.2.3mx.example.net--\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
