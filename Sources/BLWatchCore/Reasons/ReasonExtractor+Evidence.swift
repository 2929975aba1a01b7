/// The evidence in a page's sentences: reasons, HELO values, threats, times and the delisting link.
extension ReasonExtractor {
    /// Reason sentences are cut to this many characters.
    static let maximumReasonLength = 300

    /// HELO values, threat names and detection times found in sentences.
    struct Evidence {
        var helos = UniqueList(limit: 10)
        var threats = UniqueList(limit: 5)
        var times = UniqueList(limit: 5)
    }

    /// Collects HELO values, threats and detection times from sentences.
    static func evidence(in sentences: [PageSentence]) -> Evidence {
        var evidence = Evidence()
        for sentence in sentences where !sentence.containsAny(boilerplatePhrases) {
            let advice = isAdvice(sentence)
            evidence.helos.add(contentsOf: HELOValueFinder.values(in: sentence, isAdvice: advice))
            if !advice, sentence.containsAny(threatWords), !isConditional(sentence) {
                evidence.threats.add(contentsOf: ThreatFinder.names(in: sentence.text))
            }
            if isTechnicalRow(sentence) { continue }  // rows are read as rows, with their HELO column
            if sentence.containsAny(detectionContextPhrases), !sentence.containsAny(otherTimePhrases) {
                evidence.times.add(contentsOf: DetectionTime.find(in: sentence.text))
            }
        }
        return evidence
    }

    /// Whether the sentence is a table row starting with an address ("192.0.2.1 2026-11-29 10:15:00 …").
    static func isTechnicalRow(_ sentence: PageSentence) -> Bool {
        let end = sentence.lower.prefix(64).firstIndex(of: 0x20) ?? min(sentence.lower.count, 64)
        return TechnicalRow.isAddress(Substring(decoding: sentence.lower[..<end], as: UTF8.self))
    }

    /// Up to 3 sentences explaining the listing: evidence before neutral text, and within each, HELO, then
    /// infection, spam trap, policy and general explanations, in page order. Advice and help text count only
    /// when the page has nothing else.
    static func reasons(from sentences: [PageSentence], subject: [UInt8]) -> [String] {
        var ranked: [(tone: Int, category: Int, position: Int, text: String)] = []
        for (position, sentence) in sentences.enumerated() {
            guard let category = reasonCategory(sentence) else { continue }
            let evidence = sentence.containsAny(evidencePhrases) || (!subject.isEmpty && sentence.mentions(subject))
            let tone = isAdvice(sentence) || isConditional(sentence) ? 2 : evidence ? 0 : 1
            ranked.append((tone, category, position, sentence.text))
        }
        ranked.sort { ($0.tone, $0.category, $0.position) < ($1.tone, $1.category, $1.position) }
        if let best = ranked.first?.tone, best < 2 { ranked.removeAll { $0.tone == 2 } }
        var reasons = UniqueList(limit: 3)
        for entry in ranked { reasons.add(ReasonExtract.shortened(entry.text, to: maximumReasonLength)) }
        return reasons.items
    }

    /// The category (0 = most specific) of a sentence that explains a listing, or `nil` for any other.
    ///
    /// Headings, navigation bars ("Lookup | FAQ | Policy") and table rows are not sentences: a reason ends
    /// like a sentence or reads as evidence.
    private static func reasonCategory(_ sentence: PageSentence) -> Int? {
        guard sentence.lower.count >= 25, sentence.lower.last != UInt8(ascii: "?"),
            let category = reasonCategories.firstIndex(where: { sentence.containsAny($0) }),
            !sentence.containsAny(boilerplatePhrases), !sentence.containsAny(navigationSeparators),
            !isTechnicalRow(sentence)
        else { return nil }
        let words = sentence.text.split(separator: " ").filter { $0.contains(where: \.isLetter) }.count
        let ending = sentence.text.last.map { ".!…)\"".contains($0) } ?? false
        return words >= 5 && (ending || sentence.containsAny(evidencePhrases)) ? category : nil
    }

    /// The most specific delisting or removal link; links naming the subject win ties.
    static func delistURL(in links: [PageLink], subject: [UInt8]) -> String? {
        var best: (score: Int, url: String)?
        for link in links {
            let text = Array(link.text.lowercased().utf8)
            let url = Array(link.url.lowercased().utf8)
            let excluded = notDelistWords.contains {
                ASCIIBytes.find($0, in: text, from: 0) != nil || ASCIIBytes.find($0, in: url, from: 0) != nil
            }
            guard !excluded else { continue }
            var score = 0
            for (phrase, weight) in delistWords {
                if ASCIIBytes.find(phrase, in: text, from: 0) != nil { score = max(score, weight + 2) }
                if ASCIIBytes.find(phrase, in: url, from: 0) != nil { score = max(score, weight) }
            }
            guard score > 0 else { continue }
            if !subject.isEmpty, ASCIIBytes.findToken(subject, in: url, from: 0) != nil { score += 3 }
            if score > best?.score ?? 0 { best = (score, link.url) }
        }
        return best?.url
    }
}
