/// Whether the page says the subject is listed.
extension ReasonExtractor {
    /// The page's verdict on the subject.
    ///
    /// Statements naming the subject decide first (the first such statement wins, since results come
    /// before help text); then statements about "this IP"; then general statements, which must agree.
    /// Help text ("If your IP is listed…", questions) never decides.
    /// - Parameters:
    ///   - sentences: the page's sentences.
    ///   - subject: the lower-cased subject.
    static func verdict(of sentences: [PageSentence], subject: [UInt8]) -> ReasonExtract.PageVerdict {
        var aboutThis: ReasonExtract.PageVerdict?
        var general: Set<ReasonExtract.PageVerdict> = []
        for sentence in sentences {
            guard let said = statement(sentence) else { continue }
            if !subject.isEmpty, sentence.mentions(subject), !sentence.starts(with: Array("if ".utf8)) {
                return said
            }
            if sentence.contains(whyListedPhrase) {
                aboutThis = aboutThis ?? .listed
            } else if isConditional(sentence) {
                continue
            } else if sentence.containsAny(thisSubjectPhrases) {
                aboutThis = aboutThis ?? said
            } else {
                general.insert(said)
            }
        }
        if let aboutThis { return aboutThis }
        return general.count == 1 ? general.first ?? .unclear : .unclear
    }

    /// What a sentence states about a listing, if anything.
    static func statement(_ sentence: PageSentence) -> ReasonExtract.PageVerdict? {
        if sentence.containsAny(notListedPhrases) { return .notListed }
        if sentence.containsAny(listedPhrases) { return .listed }
        return nil
    }

    /// Whether a sentence is help text or a question rather than a statement.
    static func isConditional(_ sentence: PageSentence) -> Bool {
        sentence.lower.last == UInt8(ascii: "?") || sentence.containsAny(conditionalPhrases)
    }

    /// Whether a sentence gives rules or advice rather than evidence.
    static func isAdvice(_ sentence: PageSentence) -> Bool {
        sentence.containsAny(advicePhrases)
    }
}
