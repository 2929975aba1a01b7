import Foundation

/// Byte-level helpers for scanning UTF-8 text by its ASCII structure.
///
/// Markup and the phrases the extractor looks for are ASCII, so working on bytes keeps every scan linear
/// and never splits a multi-byte character at a point that matters.
enum ASCIIBytes {
    /// The byte lower-cased if it is an ASCII capital letter.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether the byte is HTML whitespace (space, tab, LF, FF, CR).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Whether the byte is an ASCII letter.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
    }

    /// Whether the byte is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// Whether the byte is an ASCII letter or digit.
    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte)
    }

    /// The first index at or after `start` where `needle` occurs in `haystack`.
    ///
    /// A plain scan that jumps between candidate first bytes with `memchr`: the needles are short phrases,
    /// so the cost is linear in the haystack.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, haystack.count - start >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = hay.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                let last = hay.count - pattern.count
                var index = start
                while index <= last {
                    guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
                    index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, patternBase, pattern.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }

    /// Whether the bytes at `index` start with `prefix`, comparing ASCII letters case-insensitively.
    ///
    /// `prefix` must be lower-case.
    static func hasPrefix(_ prefix: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where lowercased(bytes[index + offset]) != prefix[offset] {
            return false
        }
        return true
    }

    /// The range without leading and trailing whitespace.
    static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The first occurrence of `token` at or after `start` that is a whole token: not preceded by a letter,
    /// digit, `.`, `-` or `:`, and not followed by a letter or digit (or by `.`, `-`, `:` and then one), so
    /// `192.0.2.8` is not found in `192.0.2.83` or `10.192.0.2.8`, but is in `192.0.2.8.`.
    static func findToken(_ token: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        var cursor = start
        while let found = find(token, in: haystack, from: cursor) {
            let after = found + token.count
            let joined: Set<UInt8> = [0x2E, 0x2D, 0x3A]
            let before = found > 0 ? haystack[found - 1] : 0x20
            let next = after < haystack.count ? haystack[after] : 0x20
            let nextNext = after + 1 < haystack.count ? haystack[after + 1] : 0x20
            let clearBefore = !isAlphanumeric(before) && !joined.contains(before)
            let clearAfter = !isAlphanumeric(next) && !(joined.contains(next) && isAlphanumeric(nextNext))
            if clearBefore && clearAfter { return found }
            cursor = found + 1
        }
        return nil
    }

    /// Appends the UTF-8 encoding of a scalar value; invalid values become U+FFFD.
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = (Unicode.Scalar(value) ?? "\u{FFFD}").value
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
