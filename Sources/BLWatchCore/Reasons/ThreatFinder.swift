/// Bot, malware and botnet names in a sentence: "infected with the Cutwail botnet", "the Necurs botnet",
/// "bot name: Mirai", "malware: Emotet".
enum ThreatFinder {
    /// Words after which a name follows ("infected with X", "infected by X").
    private static let infectionVerbs: Set<String> = ["with", "by"]
    /// Words a name stands before ("the X botnet").
    private static let kindWords: Set<String> = ["botnet", "bot", "malware", "trojan", "worm", "spambot"]
    /// Labels a name follows ("bot name: X", "malware: X").
    private static let labels: Set<String> = ["bot:", "botnet:", "malware:", "botname:", "bot-name:", "family:"]
    /// Words that are never a name.
    private static let stopWords: Set<String> = [
        "the", "a", "an", "some", "this", "that", "these", "your", "its", "their", "our", "malware", "botnet", "bot",
        "spambot", "trojan", "virus", "worm", "unknown", "spam", "spamming", "known", "following", "other",
        "several", "multiple", "malicious", "compromised", "infected", "which", "it", "is", "was", "been", "with",
        "by", "of", "and", "or", "any", "email", "mail", "same", "proxy", "large", "big", "global", "as", "part",
        "not", "be", "if", "to", "kind", "type", "sort", "variant", "form", "piece", "name", "family", "generic",
        "new", "another", "one", "sending", "based", "infamous", "notorious", "spambots", "bots", "botnets",
    ]
    /// Words skipped between "infected with" and the name.
    private static let articles: Set<String> = ["the", "a", "an", "some", "known"]

    /// The threat names in a sentence, in order, without repeats.
    /// - Parameter text: a sentence that is evidence (not advice or help text).
    static func names(in text: String) -> [String] {
        let tokens = text.split(whereSeparator: \.isWhitespace).prefix(400).map(String.init)
        let lower = tokens.map { $0.lowercased() }
        var names: [String] = []
        for (index, word) in lower.enumerated() {
            var candidate: Int?
            if word == "infected", index + 1 < lower.count, infectionVerbs.contains(lower[index + 1]) {
                var next = index + 2
                while next < lower.count, articles.contains(lower[next]) { next += 1 }
                candidate = next
            } else if kindWords.contains(trimmed(word)), index > 0 {
                candidate = index - 1
            } else if labels.contains(word) || (word == "name:" && index > 0 && kindWords.contains(lower[index - 1])) {
                candidate = index + 1
            }
            if let candidate, candidate < tokens.count, let name = name(tokens[candidate]), !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    /// The token as a name, or `nil` when it is a common word or not name-like.
    private static func name(_ token: String) -> String? {
        let name = trimmed(token)
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./".unicodeScalars.contains(scalar)
        }
        guard allowed, (2...40).contains(name.count), name.contains(where: \.isLetter),
            !stopWords.contains(name.lowercased())
        else { return nil }
        return name
    }

    /// The token without surrounding punctuation and quotes.
    private static func trimmed(_ token: String) -> String {
        let junk: Set<Character> = ["\"", "'", "“", "”", "‘", "’", "(", ")", ",", ".", ";", ":", "!", "?", "[", "]"]
        var slice = Substring(token)
        while let first = slice.first, junk.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, junk.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
