/// A sentence of page text (or a line, when a line has no sentence end) with its lower-cased bytes
/// for phrase matching.
struct PageSentence {
    /// The sentence as written, trimmed.
    var text: String
    /// The UTF-8 bytes with ASCII letters lower-cased.
    var lower: [UInt8]
    /// The line of the page text it came from (0-based).
    var line: Int

    /// Longer runs without a sentence end are cut: no sentence worth quoting is this long.
    static let maximumBytes = 1000
    /// Pages with more sentences than this are read only this far.
    static let maximumCount = 5000

    /// Whether the lower-cased sentence contains the lower-case phrase.
    func contains(_ phrase: [UInt8]) -> Bool {
        ASCIIBytes.find(phrase, in: lower, from: 0) != nil
    }

    /// Whether the lower-cased sentence contains any of the lower-case phrases.
    func containsAny(_ phrases: [[UInt8]]) -> Bool {
        phrases.contains { contains($0) }
    }

    /// Whether the sentence starts with the lower-case phrase.
    func starts(with phrase: [UInt8]) -> Bool {
        lower.starts(with: phrase)
    }

    /// Whether the sentence names the subject as a whole token: `192.0.2.8` does not match `192.0.2.83`.
    /// - Parameter subject: the lower-cased subject bytes.
    func mentions(_ subject: [UInt8]) -> Bool {
        ASCIIBytes.findToken(subject, in: lower, from: 0) != nil
    }

    /// Splits text into sentences at line breaks and at `.`, `!` or `?` followed by a space.
    ///
    /// "e.g. " and similar dotted abbreviations do not end a sentence.
    /// - Parameter text: the page text as UTF-8.
    /// - Returns: the non-empty sentences, at most ``maximumCount``.
    static func split(_ text: [UInt8]) -> [PageSentence] {
        var sentences: [PageSentence] = []
        var start = 0
        var line = 0
        var index = 0
        func finish(_ end: Int) {
            let trimmed = ASCIIBytes.trimmed(text, start..<end)
            if !trimmed.isEmpty, sentences.count < maximumCount {
                let bytes = Array(text[trimmed])
                sentences.append(
                    PageSentence(
                        text: String(decoding: bytes, as: UTF8.self),
                        lower: bytes.map(ASCIIBytes.lowercased),
                        line: line
                    )
                )
            }
        }
        while index < text.count, sentences.count < maximumCount {
            let byte = text[index]
            if byte == 0x0A {
                finish(index)
                line += 1
                start = index + 1
            } else if isSentenceEnd(text, at: index) || index - start >= maximumBytes {
                finish(index + 1)
                start = index + 1
            }
            index += 1
        }
        finish(text.count)
        return sentences
    }

    /// Whether the byte at `index` ends a sentence.
    private static func isSentenceEnd(_ text: [UInt8], at index: Int) -> Bool {
        let byte = text[index]
        guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") else { return false }
        guard index + 1 < text.count, text[index + 1] == 0x20 else { return false }
        // "e.g. ", "i.e. ", "U.S. ": a dot two bytes back marks an abbreviation.
        return !(byte == 0x2E && index >= 2 && text[index - 2] == 0x2E)
    }
}
