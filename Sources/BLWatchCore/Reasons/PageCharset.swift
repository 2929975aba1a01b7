/// The character encodings a lookup page may arrive in, and how its bytes become UTF-8.
///
/// The order follows the WHATWG encoding sniffing algorithm, simplified: a byte order mark, then the
/// `Content-Type` charset, then a `<meta>` declaration near the top, then UTF-8 when the bytes are valid
/// UTF-8, else Windows-1252 (which browsers also use for pages labelled ISO-8859-1 or US-ASCII).
enum PageCharset: Equatable {
    case utf8
    case windows1252
    case utf16LittleEndian
    case utf16BigEndian

    /// How far into the body a `<meta>` charset declaration is looked for (HTML §13.2.3.2 uses 1024 bytes).
    static let metaWindow = 2048

    /// The body as UTF-8 bytes.
    /// - Parameters:
    ///   - body: the raw response body.
    ///   - contentType: the `Content-Type` header, if any.
    /// - Returns: valid UTF-8 (invalid sequences replaced by U+FFFD).
    static func utf8(from body: [UInt8], contentType: String?) -> [UInt8] {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { return decode(Array(body.dropFirst(3)), as: .utf8) }
        if body.starts(with: [0xFF, 0xFE]) { return decode(Array(body.dropFirst(2)), as: .utf16LittleEndian) }
        if body.starts(with: [0xFE, 0xFF]) { return decode(Array(body.dropFirst(2)), as: .utf16BigEndian) }
        if let declared = contentType.flatMap(label(inContentType:)).flatMap(named) {
            return decode(body, as: declared)
        }
        if let declared = metaLabel(in: body).flatMap(named) {
            return decode(body, as: declared)
        }
        return isValidUTF8(body) ? body : decode(body, as: .windows1252)
    }

    /// The encoding for a charset label, or `nil` for labels this decoder does not know.
    ///
    /// A `<meta>` or header claiming UTF-16 on a byte-oriented page is a known lie (WHATWG maps it to UTF-8).
    static func named(_ label: String) -> PageCharset? {
        switch label.lowercased().trimmingASCIIQuotesAndSpaces() {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be": .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252", "x-cp1252",
            "us-ascii", "ascii", "iso-8859-15", "iso8859-15", "latin9", "cp819", "ibm819":
            .windows1252
        default: nil
        }
    }

    /// The `charset` parameter of a `Content-Type` value such as `text/html; charset="ISO-8859-1"`.
    static func label(inContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0].lowercased().trimmingASCIIQuotesAndSpaces() == "charset" {
                let value = String(parts[1]).trimmingASCIIQuotesAndSpaces()
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// The charset declared by a `<meta charset=…>` or `<meta http-equiv=Content-Type content="…charset=…">`
    /// tag within the first ``metaWindow`` bytes.
    static func metaLabel(in body: [UInt8]) -> String? {
        let head = body.prefix(metaWindow).map(ASCIIBytes.lowercased)
        var index = 0
        while let meta = ASCIIBytes.find(Array("<meta".utf8), in: head, from: index) {
            let tagEnd = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            let tag = Array(head[meta..<tagEnd])
            if let found = ASCIIBytes.find(Array("charset".utf8), in: tag, from: 0) {
                var cursor = found + 7
                while cursor < tag.count, tag[cursor] == 0x20 || tag[cursor] == UInt8(ascii: "=") { cursor += 1 }
                while cursor < tag.count, tag[cursor] == UInt8(ascii: "\"") || tag[cursor] == UInt8(ascii: "'") {
                    cursor += 1
                }
                let stop: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x3B, 0x2F, 0x3E]
                let valueEnd = tag[cursor...].firstIndex { stop.contains($0) } ?? tag.count
                if valueEnd > cursor { return String(decoding: tag[cursor..<valueEnd], as: UTF8.self) }
            }
            index = tagEnd
        }
        return nil
    }

    /// Whether the bytes are well-formed UTF-8.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Converts the bytes from `charset` to UTF-8.
    static func decode(_ bytes: [UInt8], as charset: PageCharset) -> [UInt8] {
        switch charset {
        case .utf8:
            return isValidUTF8(bytes) ? bytes : Array(String(decoding: bytes, as: UTF8.self).utf8)
        case .windows1252:
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 {
                    out.append(byte)
                } else {
                    ASCIIBytes.appendUTF8(windows1252Scalar(byte), to: &out)
                }
            }
            return out
        case .utf16LittleEndian, .utf16BigEndian:
            let little = charset == .utf16LittleEndian
            let units = stride(from: 0, to: bytes.count - 1, by: 2).map { offset -> UInt16 in
                let first = UInt16(bytes[offset])
                let second = UInt16(bytes[offset + 1])
                return little ? first | second << 8 : first << 8 | second
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        }
    }

    /// Windows-1252's 0x80–0x9F block; every other byte is the Unicode scalar of the same value.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The Unicode scalar value of a Windows-1252 byte.
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
    }
}

extension String {
    /// The string without surrounding spaces, tabs and single or double quotes.
    fileprivate func trimmingASCIIQuotesAndSpaces() -> String {
        let junk: Set<Character> = [" ", "\t", "\"", "'", "\r", "\n"]
        var slice = Substring(self)
        while let first = slice.first, junk.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, junk.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
