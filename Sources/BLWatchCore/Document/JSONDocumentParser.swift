/// A strict JSON (RFC 8259) parser that produces a ``DocumentValue`` tree with line numbers.
///
/// Foundation's parsers drop positions and merge booleans with numbers; a catalog error is only
/// useful with its line, so blwatch parses its own JSON. Duplicate keys, trailing commas, comments
/// and nesting deeper than 64 levels are errors.
public struct JSONDocumentParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private static let maxDepth = 64

    /// Parses `text`, naming `file` in errors.
    /// - Throws: ``DocumentError`` with the line of the first syntax error.
    public static func parse(_ text: String, file: String) throws(DocumentError) -> DocumentValue {
        var parser = JSONDocumentParser(bytes: Array(text.utf8), file: file)
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    private init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    private func fail(_ message: String) -> DocumentError {
        DocumentError(file: file, line: line, path: "", message: "invalid JSON: \(message)")
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            if byte == 0x0A { line += 1 }
            index += 1
        }
    }

    private mutating func expect(_ literal: String) throws(DocumentError) {
        for byte in literal.utf8 {
            guard current == byte else { throw fail("expected \(literal)") }
            index += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(DocumentError) -> DocumentValue {
        guard depth < Self.maxDepth else { throw fail("nested deeper than \(Self.maxDepth) levels") }
        let startLine = line
        switch current {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return DocumentValue(.string(try parseString()), line: startLine)
        case UInt8(ascii: "t"):
            try expect("true")
            return DocumentValue(.bool(true), line: startLine)
        case UInt8(ascii: "f"):
            try expect("false")
            return DocumentValue(.bool(false), line: startLine)
        case UInt8(ascii: "n"):
            try expect("null")
            return DocumentValue(.null, line: startLine)
        case .some(let byte) where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte):
            return DocumentValue(.number(try parseNumber()), line: startLine)
        case .none: throw fail("unexpected end of file")
        case .some: throw fail("unexpected character")
        }
    }

    private mutating func parseObject(depth: Int) throws(DocumentError) -> DocumentValue {
        let startLine = line
        index += 1
        var pairs: [(key: String, value: DocumentValue)] = []
        var seen: Set<String> = []
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
            return DocumentValue(.object(pairs), line: startLine)
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let key = try parseString()
            guard seen.insert(key).inserted else { throw fail("duplicate key \"\(key)\"") }
            skipSpace()
            try expect(":")
            skipSpace()
            pairs.append((key, try parseValue(depth: depth + 1)))
            skipSpace()
            if current == UInt8(ascii: ",") {
                try skipComma(before: "}")
                continue
            }
            try expect("}")
            return DocumentValue(.object(pairs), line: startLine)
        }
    }

    private mutating func parseArray(depth: Int) throws(DocumentError) -> DocumentValue {
        let startLine = line
        index += 1
        var items: [DocumentValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            index += 1
            return DocumentValue(.array(items), line: startLine)
        }
        while true {
            skipSpace()
            items.append(try parseValue(depth: depth + 1))
            skipSpace()
            if current == UInt8(ascii: ",") {
                try skipComma(before: "]")
                continue
            }
            try expect("]")
            return DocumentValue(.array(items), line: startLine)
        }
    }

    /// Consumes a comma, refusing one that is followed by the closing bracket (a trailing comma).
    private mutating func skipComma(before closing: Character) throws(DocumentError) {
        let commaLine = line
        index += 1
        skipSpace()
        if let byte = current, Character(Unicode.Scalar(byte)) == closing {
            line = commaLine
            throw fail("trailing comma before \(closing)")
        }
    }

    private mutating func parseNumber() throws(DocumentError) -> String {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
        guard index > digitsStart else { throw fail("malformed number") }
        if bytes[digitsStart] == 0x30 && index - digitsStart > 1 { throw fail("number with a leading zero") }
        if current == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            guard index > fraction else { throw fail("malformed number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            let exponent = index
            while let byte = current, (0x30...0x39).contains(byte) { index += 1 }
            guard index > exponent else { throw fail("malformed number") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func parseString() throws(DocumentError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            guard !run.isEmpty else { return }
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                scalars.append(try parseEscape())
            case 0x00..<0x20:
                throw fail("control character inside a string")
            default:
                run.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseEscape() throws(DocumentError) -> Unicode.Scalar {
        guard let byte = current else { throw fail("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            if (0xD800..<0xDC00).contains(unit) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw fail("unpaired surrogate \\u\(String(unit, radix: 16, uppercase: true))")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else {
                    throw fail("unpaired surrogate \\u\(String(unit, radix: 16, uppercase: true))")
                }
                let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw fail("invalid surrogate pair") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(unit) else { throw fail("invalid \\u escape") }
            return scalar
        default: throw fail("invalid escape")
        }
    }

    private mutating func parseHex4() throws(DocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw fail("truncated \\u escape") }
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
