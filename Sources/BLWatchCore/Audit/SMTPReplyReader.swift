/// One SMTP reply: a three-digit code and its text lines (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Hashable {
    /// The reply code, such as 220 or 554.
    public var code: Int
    /// The text of each line, after the code and the `-` or space.
    public var lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }
}

/// Splits the bytes a server sends into SMTP replies, refusing what is not SMTP.
///
/// Pure and bounded: a line longer than ``maxLineLength`` bytes, more than ``maxTotalBytes`` in all,
/// or a line that does not start with a code is a ``Problem``, so a hostile or confused server can
/// neither exhaust memory nor pass for an MTA.
struct SMTPReplyReader {
    /// The longest reply line accepted, without CRLF (RFC 5321 allows 512; servers stay far below).
    static let maxLineLength = 1000
    /// The most bytes read over a session.
    static let maxTotalBytes = 64 * 1024

    /// Why the bytes are not SMTP.
    enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// A line longer than ``maxLineLength``.
        case lineTooLong(Int)
        /// More than ``maxTotalBytes`` in all.
        case tooMuchData
        /// A line that is not `DDD text` or `DDD-text`, or a code that changes inside a reply.
        case notSMTP(String)

        var description: String {
            switch self {
            case .lineTooLong(let length): "a line of more than \(length) bytes"
            case .tooMuchData: "more than \(SMTPReplyReader.maxTotalBytes) bytes"
            case .notSMTP(let line): "not an SMTP reply: \(line)"
            }
        }
    }

    private var buffer: [UInt8] = []
    private var total = 0
    private var pending: [String] = []
    private var pendingCode: Int?

    /// Bytes received but not yet part of a whole reply, shown printable (for evidence).
    var leftover: String { Self.printable(buffer) }

    /// Adds received bytes.
    /// - Throws: ``Problem`` when the session exceeds its byte budget or the bytes cannot start a reply.
    mutating func append(_ bytes: some Sequence<UInt8>) throws(Problem) {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        total += buffer.count - before
        if total > Self.maxTotalBytes { throw .tooMuchData }
        try checkStart()
    }

    /// The next whole reply, or `nil` when more bytes are needed.
    /// - Throws: ``Problem`` for a malformed or over-long line.
    mutating func nextReply() throws(Problem) -> SMTPReply? {
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard line.count <= Self.maxLineLength else { throw .lineTooLong(Self.maxLineLength) }
            let (code, last, text) = try Self.parse(line)
            if let pendingCode, pendingCode != code {
                throw .notSMTP("code \(code) inside a \(pendingCode) reply: \(Self.printable(line))")
            }
            pending.append(text)
            pendingCode = code
            if last {
                let reply = SMTPReply(code: code, lines: pending)
                pending = []
                pendingCode = nil
                return reply
            }
        }
        if buffer.count > Self.maxLineLength { throw .lineTooLong(Self.maxLineLength) }
        try checkStart()
        return nil
    }

    /// Rejects a partial line that already cannot become `DDD-` or `DDD `.
    private func checkStart() throws(Problem) {
        for (index, byte) in buffer.prefix(4).enumerated() {
            if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") { return }
            let ok = index < 3 ? Self.isDigit(byte) : byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-")
            if !ok { throw .notSMTP(Self.printable(Array(buffer.prefix(80)))) }
        }
    }

    /// Splits `DDD-text` / `DDD text` / `DDD` into the code, whether it is the last line, and the text.
    private static func parse(_ line: [UInt8]) throws(Problem) -> (Int, Bool, String) {
        guard line.count >= 3, line.prefix(3).allSatisfy(isDigit),
            line.count == 3 || line[3] == UInt8(ascii: " ") || line[3] == UInt8(ascii: "-")
        else { throw .notSMTP(printable(Array(line.prefix(80)))) }
        let code = line.prefix(3).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let text = line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : ""
        return (code, line.count == 3 || line[3] == UInt8(ascii: " "), text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Bytes as text safe for a report: control and non-ASCII bytes as `\xNN`, at most 200 characters.
    static func printable(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes.prefix(200) {
            if (0x20..<0x7F).contains(byte) {
                text.append(Character(UnicodeScalar(byte)))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return bytes.count > 200 ? text + "…" : text
    }
}
