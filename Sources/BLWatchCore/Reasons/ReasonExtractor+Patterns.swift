/// The phrases the extractor looks for, lower-case, as bytes.
///
/// Written from what lookup pages say (DOMAIN.md §2.2, §2.3, §3): the old CBL lookup ("is listed in the
/// CBL", "HELO'ing as", "infected with"), Spamhaus check results ("Why was this IP listed?", "Technical
/// information (IP, UTC timestamp, HELO value)"), SpamCop, PSBL and DroneBL lookup pages.
extension ReasonExtractor {
    /// Lower-case phrases as byte arrays.
    static func phrases(_ words: [String]) -> [[UInt8]] {
        words.map { Array($0.utf8) }
    }

    /// Statements that the subject is not listed; checked before ``listedPhrases`` ("not listed in" contains
    /// "listed in").
    static let notListedPhrases = phrases([
        "is not listed", "not currently listed", "not listed", "no listings", "no current listings", "is not in ",
        "not found in our database", "not found in", "no issues found", "no incidents", "not blacklisted",
        "not blocked", "no records found", "no entries found", "isn't listed", "is no longer listed",
        "has been delisted", "has been removed", "was removed from",
    ])

    /// Statements that the subject is or was listed.
    static let listedPhrases = phrases([
        "is listed", "was listed", "listed in", "why was this ip listed", "has been listed", "currently listed",
        "are listed", "listed by", "listed on", "is blacklisted", "is blocked", "blocked - see", "blocked, see",
    ])

    /// The Spamhaus check heading shown only on results for a listed IP.
    static let whyListedPhrase = Array("why was this ip listed".utf8)

    /// Words that make a statement general help text rather than a statement about this lookup.
    static let conditionalPhrases = phrases([
        "if ", "when ", "whether", "can be listed", "may be listed", "might be listed", "could be listed",
        "will be listed", "get listed", "gets listed", "to avoid", "to check", "how to", "once ", "unless",
    ])

    /// References to "the subject of this lookup" that do not repeat the subject.
    static let thisSubjectPhrases = phrases([
        "this ip", "this address", "this domain", "this host", "the ip address you", "your ip", "your query",
    ])

    /// Words that make a sentence advice or rules rather than evidence ("HELO must be a hostname").
    static let advicePhrases = phrases([
        "should", "must", "such as", "e.g.", "for example", "do not", "don't", "never", "make sure", "please",
        "we recommend", "recommended", "how to", "in order to", "you can", "you may", "ensure", "require",
    ])

    /// Separators of navigation bars and breadcrumb trails.
    static let navigationSeparators = phrases([" | ", " \u{00B7} ", " \u{2022} ", " > "])

    /// Words that make a sentence evidence about this listing.
    static let evidencePhrases = phrases([
        "this ip", "this address", "your ip", "it appears", "appears to be", "was observed", "were observed",
        "was detected", "were detected", "was seen", "detected", "is helo", "has been sending", "sent ",
        "sending", "hit ", "reported",
    ])

    /// Reason categories in order of specificity; a sentence's category is the first whose words it has.
    static let reasonCategories: [[[UInt8]]] = [
        phrases(["helo", "ehlo"]),
        phrases([
            "infected", "botnet", "malware", "trojan", "compromised", "spambot", "virus", "worm", "hijacked",
            "open proxy", "brute force", "ddos",
        ]),
        phrases([
            "spam trap", "spamtrap", "honeypot", "trap", "spam report", "reported", "unsolicited", "sending spam",
            "sent spam", "spam complaint",
        ]),
        phrases([
            "policy", "dynamic", "residential", "end-user", "end user", "violates", "violation", "rfc", "not meet",
            "does not conform", "reverse dns", "rdns", "ptr",
        ]),
        phrases(["because", "reason", "due to"]),
    ]

    /// Words without which a sentence names no threat (a cheap test before reading its words).
    static let threatWords = phrases(["infected", "bot", "malware", "trojan", "worm", "family:"])

    /// Sentences that are page furniture, never a reason.
    static let boilerplatePhrases = phrases([
        "cookie", "technical information", "javascript", "privacy", "terms of", "all rights reserved",
        "copyright", "subscribe", "log in", "sign in",
    ])

    /// Words near a time that make it a detection or listing time.
    static let detectionContextPhrases = phrases([
        "detected", "seen", "listed", "timestamp", "observed", "sighting", "activity", "reported", "hit", "since",
        "last", "first", "utc",
    ])

    /// Words near a time that make it something else (page generation, expiry, copyright).
    static let otherTimePhrases = phrases([
        "generated", "copyright", "updated", "expire", "valid until", "cookie", "©", "will be removed",
    ])

    /// Link words that mark a delisting or removal link, strongest first, with their weight.
    static let delistWords: [(phrase: [UInt8], weight: Int)] = [
        (Array("request removal".utf8), 8), (Array("delist".utf8), 8), (Array("self-service".utf8), 5),
        (Array("removal".utf8), 5), (Array("remove".utf8), 4),
    ]

    /// Link words that are never a delisting link even when they say "remove".
    static let notDelistWords = phrases(["cookie", "unsubscribe", "privacy", "account", "newsletter"])
}
