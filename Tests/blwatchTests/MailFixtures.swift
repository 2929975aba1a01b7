import BLWatchTestSupport
import Foundation

/// Reads what the SMTP sink stored: header fields, and the plain-text part decoded from
/// quoted-printable.
struct ReceivedMail {
    let raw: String
    let headers: [String: String]
    let text: String

    init(_ raw: String) {
        self.raw = raw
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let head = normalized.components(separatedBy: "\n\n").first ?? ""
        var headers: [String: String] = [:]
        var last: String?
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", let key = last {
                headers[key, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].lowercased()
                headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = key
            }
        }
        self.headers = headers
        // The text/plain part: from its header block to the next boundary line.
        var text = ""
        if let start = normalized.range(
            of: "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        ) {
            let rest = normalized[start.upperBound...]
            let end = rest.range(of: "\n--=_blwatch_")?.lowerBound ?? rest.endIndex
            text = Self.decodeQuotedPrintable(String(rest[..<end]))
        }
        self.text = text
    }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
                let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A config section sending alerts to the SMTP server at `url`.
func emailAlerts(
    url: String,
    certificates: TestCertificates? = nil,
    user: String? = nil,
    confirm: Int = 1
) -> String {
    var lines = [
        "alerts:",
        "  confirm: \(confirm)",
        "  email:",
        "    url: \(url)",
        "    from: blwatch@example.net",
        "    to: [postmaster@example.net, ops@example.org]",
        "    heloName: blwatch.example.net",
    ]
    if let certificates { lines.append("    caFile: \(certificates.caFile)") }
    if let user { lines += ["    username: \(user)", "    passwordEnv: BLWATCH_TEST_SMTP_PASSWORD"] }
    return lines.joined(separator: "\n") + "\n"
}
