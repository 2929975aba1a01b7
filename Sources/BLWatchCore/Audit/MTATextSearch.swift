/// Byte-wise substring search for the log parsers.
///
/// `_StringProcessing`'s `firstRange(of:)` builds a table of hashed characters for every call,
/// which made it most of the time spent on a large mainlog; the needles here are short ASCII
/// markers, so comparing UTF-8 bytes finds the same ranges far faster.
enum MTATextSearch {
    /// The first range of `needle` in `text`; `needle` must start with an ASCII character.
    static func range(of needle: String, in text: Substring) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let utf8 = text.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            firstOffset(of: pattern, first: first, in: bytes)
        }
        let offset = found ?? firstOffset(of: pattern, first: first, in: Array(utf8))
        guard let offset else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: pattern.count)
    }

    /// Whether `text` contains `needle`.
    static func contains(_ needle: String, in text: Substring) -> Bool {
        range(of: needle, in: text) != nil
    }

    private static func firstOffset(
        of pattern: [UInt8],
        first: UInt8,
        in bytes: some RandomAccessCollection<UInt8>
    ) -> Int? {
        let count = bytes.count
        guard count >= pattern.count else { return nil }
        let base = bytes.startIndex
        var position = 0
        while position <= count - pattern.count {
            let start = bytes.index(base, offsetBy: position)
            guard let hit = bytes[start...].firstIndex(of: first) else { return nil }
            let at = bytes.distance(from: base, to: hit)
            guard at <= count - pattern.count else { return nil }
            if pattern.indices.allSatisfy({ bytes[bytes.index(hit, offsetBy: $0)] == pattern[$0] }) { return at }
            position = at + 1
        }
        return nil
    }
}
