import Foundation

/// HELO/EHLO names a sentence reports: `HELO'ing as "localhost"`, `HELOs as 127.0.0.1`,
/// `HELO name … was 'localhost'`, `helo=mail.example.net`, `HELO value "x"`, and the words "empty HELO".
enum HELOValueFinder {
    /// How an empty HELO argument is reported.
    static let empty = "(empty)"

    private static let suffixes = ["'ing", "\u{2019}ing", "ing", "'d", "s "].map { Array($0.utf8) }
    private static let nouns = ["host name", "hostname", "name", "value", "argument", "string", "greeting", "command"]
        .map { Array($0.utf8) }
    private static let connectives = ["as", "was", "is", "of", "=", ":"].map { Array($0.utf8) }
    private static let emptyWords: Set<String> = ["empty", "blank", "missing", "none", "nothing"]
    private static let stopWords: Set<String> = [
        "a", "an", "the", "not", "that", "which", "value", "name", "must", "should", "and", "or", "to", "in", "for",
        "from", "with", "invalid", "valid", "hostname", "domain", "your", "its", "this", "being", "used", "set",
        "configured", "required", "checked", "rejected", "also", "it", "be", "only", "seen", "sent",
    ]

    /// The HELO values the sentence reports, in order, without repeats.
    /// - Parameters:
    ///   - sentence: the sentence.
    ///   - isAdvice: whether it gives rules or advice; then only the unambiguous forms ("HELO'ing as") count,
    ///     so `use a name such as "mail.example.com"` is not taken for evidence.
    static func values(in sentence: PageSentence, isAdvice: Bool) -> [String] {
        let original = Array(sentence.text.utf8)
        let lower = sentence.lower
        var values: [String] = []
        var cursor = 0
        while let found = nextKeyword(in: lower, from: cursor) {
            cursor = found + 4
            if let value = value(after: found + 4, original: original, lower: lower, isAdvice: isAdvice) {
                if !values.contains(value) { values.append(value) }
            } else if !isAdvice, saysEmpty(lower, around: found), !values.contains(empty) {
                values.append(empty)
            }
        }
        return values
    }

    /// The next "helo" or "ehlo" that does not continue a word.
    private static func nextKeyword(in lower: [UInt8], from start: Int) -> Int? {
        var cursor = start
        while cursor < lower.count {
            let helo = ASCIIBytes.find(Array("helo".utf8), in: lower, from: cursor)
            let ehlo = ASCIIBytes.find(Array("ehlo".utf8), in: lower, from: cursor)
            guard let found = [helo, ehlo].compactMap({ $0 }).min() else { return nil }
            if found == 0 || !ASCIIBytes.isLetter(lower[found - 1]) { return found }
            cursor = found + 1
        }
        return nil
    }

    /// The value written after a keyword ending at `start`.
    private static func value(after start: Int, original: [UInt8], lower: [UInt8], isAdvice: Bool) -> String? {
        var index = start
        var strong = false
        if let suffix = suffixes.first(where: { ASCIIBytes.hasPrefix($0, in: lower, at: index) }) {
            index += suffix.count
            strong = true
        }
        if ASCIIBytes.hasPrefix(Array("/ehlo".utf8), in: lower, at: index) { index += 5 }
        index = skipSpaces(lower, from: index)
        if let noun = nouns.first(where: { word($0, in: lower, at: index) }) {
            index = skipSpaces(lower, from: index + noun.count)
        }
        var connected = false
        if let connective = connectives.first(where: { word($0, in: lower, at: index) }) {
            index = skipSpaces(lower, from: index + connective.count)
            connected = true
        }
        if let quoted = QuotedText.read(original, at: index) {
            return isAdvice && !strong ? nil : cleaned(quoted)
        }
        guard strong || connected else {
            return isAdvice ? nil : quotedAfterVerb(original: original, lower: lower, from: index)
        }
        guard !isAdvice || strong, let token = bareToken(original, at: index) else { return nil }
        let lowered = token.lowercased()
        if emptyWords.contains(lowered) { return empty }
        return stopWords.contains(lowered) ? nil : token
    }

    /// `… was 'localhost'` a little further on ("The HELO name for IP address 192.0.2.1 was 'localhost'").
    private static func quotedAfterVerb(original: [UInt8], lower: [UInt8], from start: Int) -> String? {
        let window = Array(lower[min(start, lower.count)..<min(start + 60, lower.count)])
        for verb in [" was ", " is "] {
            if let found = ASCIIBytes.find(Array(verb.utf8), in: window, from: 0) {
                let index = start + found + verb.utf8.count
                if let quoted = QuotedText.read(original, at: index) { return cleaned(quoted) }
            }
        }
        return nil
    }

    /// Whether "empty" or "blank" stands right before the keyword, or "empty" shortly after it.
    private static func saysEmpty(_ lower: [UInt8], around keyword: Int) -> Bool {
        let before = Array(lower[max(0, keyword - 24)..<keyword])
        let after = Array(lower[min(keyword + 4, lower.count)..<min(keyword + 34, lower.count)])
        let words = ["empty", "blank", "missing"].map { Array($0.utf8) }
        return words.contains { ASCIIBytes.find($0, in: before, from: 0) != nil }
            || ["was empty", "is empty", "was blank", "is blank"].contains {
                ASCIIBytes.find(Array($0.utf8), in: after, from: 0) != nil
            }
    }

    /// Whether `word` starts at `index` and is not the start of a longer word.
    private static func word(_ word: [UInt8], in lower: [UInt8], at index: Int) -> Bool {
        guard ASCIIBytes.hasPrefix(word, in: lower, at: index) else { return false }
        let next = index + word.count
        return next >= lower.count || !ASCIIBytes.isLetter(lower[next]) || !ASCIIBytes.isLetter(word[word.count - 1])
    }

    private static func skipSpaces(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, ASCIIBytes.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// A host name, address or address literal written without quotes.
    private static func bareToken(_ bytes: [UInt8], at start: Int) -> String? {
        var end = start
        let allowed: Set<UInt8> = Set(Array("._-[]:".utf8))
        while end < bytes.count, end - start < 255,
            ASCIIBytes.isAlphanumeric(bytes[end]) || allowed.contains(bytes[end])
        {
            end += 1
        }
        while end > start, [UInt8(ascii: "."), UInt8(ascii: ":")].contains(bytes[end - 1]) { end -= 1 }
        guard end > start, bytes[start..<end].contains(where: ASCIIBytes.isAlphanumeric) else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A quoted value trimmed; "(empty)" when nothing is left.
    private static func cleaned(_ quoted: String) -> String {
        let trimmed = quoted.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? empty : String(trimmed.prefix(255))
    }
}
