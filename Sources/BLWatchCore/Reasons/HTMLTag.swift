/// One start or end tag read from markup, following the HTML tokenizer's tag and attribute states closely
/// enough that quoted `>` characters do not end a tag.
struct HTMLTag {
    /// The lower-cased tag name (at most ``maximumNameLength`` bytes are kept).
    var name: String
    /// Whether this is an end tag (`</p>`).
    var isEnd: Bool
    /// Whether the tag ended with `/>`.
    var isSelfClosing = false
    /// Lower-cased attribute names with the byte range of their raw values (only when asked for).
    var attributes: [(name: String, value: Range<Int>)] = []
    /// The index just after the closing `>`.
    var end: Int

    /// Longer names are truncated: no element the scanner cares about is longer.
    static let maximumNameLength = 16

    /// Reads the tag starting at `start` (where `bytes[start]` is `<` followed by a letter, or `</` and a letter).
    ///
    /// - Parameters:
    ///   - bytes: UTF-8 markup.
    ///   - start: the index of the `<`.
    ///   - keepingAttributes: whether attributes of a tag with this name should be recorded.
    /// - Returns: the tag, or `nil` when the markup ends before the tag does (browsers drop such a tag).
    static func read(_ bytes: [UInt8], at start: Int, keepingAttributes: (String) -> Bool) -> HTMLTag? {
        var index = start + 1
        let isEnd = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if isEnd { index += 1 }
        let nameStart = index
        while index < bytes.count, !isNameEnd(bytes[index]) { index += 1 }
        let nameBytes = bytes[nameStart..<min(index, nameStart + maximumNameLength)].map(ASCIIBytes.lowercased)
        var tag = HTMLTag(name: String(decoding: nameBytes, as: UTF8.self), isEnd: isEnd, end: index)
        let keep = !isEnd && keepingAttributes(tag.name)
        while index < bytes.count {
            let byte = bytes[index]
            if ASCIIBytes.isSpace(byte) {
                index += 1
            } else if byte == UInt8(ascii: ">") {
                tag.end = index + 1
                return tag
            } else if byte == UInt8(ascii: "/") {
                tag.isSelfClosing = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">")
                index += 1
            } else {
                guard let attribute = readAttribute(bytes, at: index) else { return nil }
                if keep { tag.attributes.append((attribute.name, attribute.value)) }
                index = attribute.end
            }
        }
        return nil
    }

    /// Whether the byte ends a tag name.
    private static func isNameEnd(_ byte: UInt8) -> Bool {
        ASCIIBytes.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    /// Reads one attribute (`name`, `name=value`, `name="value"`) starting at a non-space byte.
    /// - Returns: the attribute and the index after it, or `nil` when a quoted value never closes.
    private static func readAttribute(
        _ bytes: [UInt8],
        at start: Int
    ) -> (name: String, value: Range<Int>, end: Int)? {
        var index = start + 1  // the first byte belongs to the name even if it is `=`
        while index < bytes.count, !isNameEnd(bytes[index]), bytes[index] != UInt8(ascii: "=") { index += 1 }
        let nameBytes = bytes[start..<min(index, start + maximumNameLength)].map(ASCIIBytes.lowercased)
        let name = String(decoding: nameBytes, as: UTF8.self)
        var cursor = index
        while cursor < bytes.count, ASCIIBytes.isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { return (name, index..<index, index) }
        cursor += 1
        while cursor < bytes.count, ASCIIBytes.isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        let quote = bytes[cursor]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            guard let close = bytes[(cursor + 1)...].firstIndex(of: quote) else { return nil }
            return (name, (cursor + 1)..<close, close + 1)
        }
        var valueEnd = cursor
        while valueEnd < bytes.count, !ASCIIBytes.isSpace(bytes[valueEnd]), bytes[valueEnd] != UInt8(ascii: ">") {
            valueEnd += 1
        }
        return (name, cursor..<valueEnd, valueEnd)
    }

    /// The decoded value of an attribute, if present.
    /// - Parameters:
    ///   - name: the lower-case attribute name.
    ///   - bytes: the markup the tag was read from.
    func attribute(_ name: String, in bytes: [UInt8]) -> String? {
        guard let found = attributes.first(where: { $0.name == name }) else { return nil }
        return HTMLEntities.decodeAttribute(bytes[found.value])
    }
}
