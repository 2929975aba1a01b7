import Foundation

/// An RFC 5322 message with a MIME body: UTF-8 plain text, and an HTML alternative when given.
///
/// Everything leaves as 7-bit ASCII (quoted-printable bodies, RFC 2047 encoded words in the
/// subject) with CRLF line endings, so no relay on the way needs 8BITMIME or rewrites it.
struct MailMessage: Sendable {
    var from: String
    var to: [String]
    var subject: String
    var date: Date
    /// With its angle brackets: `<…@host>`.
    var messageID: String
    var text: String
    var html: String?
    /// Added after the standard fields, such as `Auto-Submitted`.
    var extraHeaders: [(name: String, value: String)] = []

    /// The message as bytes for SMTP DATA.
    func rendered() -> [UInt8] {
        var lines = [
            "Date: \(Self.rfc5322Date(date))",
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(Self.encodedHeader(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        lines += extraHeaders.map { "\($0.name): \($0.value)" }
        if let html {
            // RFC 2046 §5.1.1: the boundary may use letters, digits and a few marks; "=_" never
            // appears in quoted-printable text, so it cannot collide with a body line.
            let boundary =
                "=_blwatch_" + String(messageID.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") })
            lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a MIME message with a plain text and an HTML part.")
            lines += ["--\(boundary)"] + Self.part(text, type: "text/plain")
            lines += ["--\(boundary)"] + Self.part(html, type: "text/html")
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(text, type: "text/plain")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private static func part(_ body: String, type: String) -> [String] {
        [
            "Content-Type: \(type); charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quotedPrintable(body),
        ]
    }

    /// RFC 2045 §6.7 quoted-printable, lines at most 76 characters, CRLF line breaks.
    static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n",
            omittingEmptySubsequences: false
        ) {
            var encoded = ""
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let plain = (33...126).contains(byte) && byte != UInt8(ascii: "=")
                // A space or tab is literal except at the end of a line, where transports may strip it.
                let token =
                    plain || ((byte == 32 || byte == 9) && !isLast)
                    ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + token.count > 75 {
                    out.append(encoded + "=")
                    encoded = ""
                    width = 0
                }
                encoded += token
                width += token.count
            }
            out.append(encoded)
        }
        return out.joined(separator: "\r\n")
    }

    /// A header value as is when it is printable ASCII, else as RFC 2047 base64 encoded words.
    static func encodedHeader(_ value: String) -> String {
        if value.utf8.allSatisfy({ (32...126).contains($0) }) { return value }
        var words: [String] = []
        var chunk = ""
        // 45 bytes of UTF-8 → 60 base64 characters: each word stays within 75 characters.
        for character in value {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// `Sun, 29 Nov 2026 17:30:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let two = { (value: Int?) in String(format: "%02d", value ?? 0) }
        let day = days[(parts.weekday ?? 1) - 1]
        let month = months[(parts.month ?? 1) - 1]
        let time = "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        return "\(day), \(two(parts.day)) \(month) \(String(format: "%04d", parts.year ?? 1970)) \(time) +0000"
    }
}
