/// HTML character references: `&amp;`, `&#233;`, `&#xE9;` and the named ones lookup pages use.
enum HTMLEntities {
    /// Named references, without the `&` and `;`. A subset of HTML's list: markup escapes, typography
    /// and the Latin-1 letters European list operators write.
    static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "hellip": 0x2026,
        "mdash": 0x2014, "ndash": 0x2013, "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "laquo": 0xAB,
        "raquo": 0xBB, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "sbquo": 0x201A,
        "bdquo": 0x201E, "middot": 0xB7, "bull": 0x2022, "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7,
        "divide": 0xF7, "euro": 0x20AC, "pound": 0xA3, "sect": 0xA7, "para": 0xB6, "shy": 0xAD, "thinsp": 0x2009,
        "ensp": 0x2002, "emsp": 0x2003, "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F,
        "larr": 0x2190, "rarr": 0x2192, "uarr": 0x2191, "darr": 0x2193, "check": 0x2713, "iexcl": 0xA1,
        "iquest": 0xBF, "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Auml": 0xC4, "Aring": 0xC5,
        "AElig": 0xC6, "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB,
        "Iacute": 0xCD, "Ntilde": 0xD1, "Oacute": 0xD3, "Ocirc": 0xD4, "Ouml": 0xD6, "Oslash": 0xD8,
        "Uacute": 0xDA, "Uuml": 0xDC, "szlig": 0xDF, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2,
        "auml": 0xE4, "aring": 0xE5, "aelig": 0xE6, "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9,
        "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC, "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF,
        "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4, "ouml": 0xF6, "oslash": 0xF8,
        "ugrave": 0xF9, "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD, "yuml": 0xFF,
    ]

    /// Legacy references browsers accept in text without the closing `;`.
    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// The longest name looked up; longer runs of letters are not references.
    private static let maximumNameLength = 10

    /// Decodes the character reference at `start` (where `bytes[start]` is `&`).
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 markup.
    ///   - start: the index of the `&`.
    ///   - inAttribute: attribute values need the `;` on named references, so `?a=1&copy=2` stays as written.
    /// - Returns: the scalar value and the index after the reference, or `nil` when it is a plain `&`.
    static func decode(_ bytes: [UInt8], at start: Int, inAttribute: Bool) -> (scalar: UInt32, end: Int)? {
        let next = start + 1
        guard next < bytes.count else { return nil }
        if bytes[next] == UInt8(ascii: "#") { return decodeNumeric(bytes, at: next + 1) }
        var end = next
        while end < bytes.count, end - next <= maximumNameLength, ASCIIBytes.isAlphanumeric(bytes[end]) { end += 1 }
        guard end > next, end - next <= maximumNameLength else { return nil }
        let name = String(decoding: bytes[next..<end], as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        if end < bytes.count, bytes[end] == UInt8(ascii: ";") { return (scalar, end + 1) }
        return !inAttribute && legacy.contains(name) ? (scalar, end) : nil
    }

    /// Decodes `&#NN;` or `&#xNN;` from just after the `#`.
    ///
    /// HTML maps 0, surrogates and values beyond U+10FFFF to U+FFFD, and 0x80–0x9F to Windows-1252.
    private static func decodeNumeric(_ bytes: [UInt8], at start: Int) -> (scalar: UInt32, end: Int)? {
        var index = start
        var hex = false
        if index < bytes.count, ASCIIBytes.lowercased(bytes[index]) == UInt8(ascii: "x") {
            hex = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.count, let digit = digitValue(bytes[index], hex: hex) {
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ";") { index += 1 }
        switch value {
        case 0, 0xD800...0xDFFF, 0x11_0000...: return (0xFFFD, index)
        case 0x80...0x9F: return (PageCharset.windows1252Scalar(UInt8(value)), index)
        default: return (value, index)
        }
    }

    /// The value of a decimal or hexadecimal digit.
    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        if ASCIIBytes.isDigit(byte) { return UInt32(byte - 0x30) }
        let lower = ASCIIBytes.lowercased(byte)
        if hex, lower >= 0x61, lower <= 0x66 { return UInt32(lower - 0x61 + 10) }
        return nil
    }

    /// Decodes every reference in an attribute value.
    /// - Parameter bytes: the raw attribute value.
    /// - Returns: the decoded text.
    static func decodeAttribute(_ bytes: ArraySlice<UInt8>) -> String {
        let source = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "&"), let reference = decode(source, at: index, inAttribute: true) {
                ASCIIBytes.appendUTF8(reference.scalar, to: &out)
                index = reference.end
            } else {
                out.append(source[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
