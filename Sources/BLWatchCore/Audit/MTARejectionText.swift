/// Reads a remote server's refusal text: which ``MTALogReport/Cause`` it is, which blocklists it
/// names, and which addresses it quotes.
///
/// The patterns are those of DOMAIN.md §4.2 and §5: Gmail's `Empty HELO/EHLO argument` and
/// `HELO/EHLO argument "…" invalid`, Postfix's `Syntax: HELO hostname` and `Helo command rejected: …`
/// (sent at RCPT TO under `smtpd_delay_reject`), and Exim's own rendering of an empty command
/// (`after HELO :`, `in response to HELO  (`: the command keeps its trailing space).
enum MTARejectionText {
    /// Blocklist words, matched as whole words of the text, with the name reported for each.
    private static let listWords: [String: String] = [
        "spamhaus": "Spamhaus", "zen": "ZEN", "xbl": "XBL", "cbl": "CBL", "sbl": "SBL", "pbl": "PBL",
        "css": "CSS", "dbl": "DBL", "abuseat": "CBL", "spamcop": "SpamCop", "barracuda": "Barracuda",
        "barracudacentral": "Barracuda", "sorbs": "SORBS", "uceprotect": "UCEPROTECT", "mailspike": "Mailspike",
        "abusix": "Abusix", "psbl": "PSBL",
    ]

    /// Words that say "a list has you" without naming it.
    private static let listingWords: Set<String> = [
        "listed", "blacklisted", "blocklisted", "denylisted", "blacklist", "blocklist", "denylist", "rbl", "dnsbl",
    ]

    /// Words of a zone name that make a dotted word a blocklist zone (`zen.spamhaus.org`, `bl.spamcop.net`).
    private static let zoneWords = [
        "spamhaus", "spamcop", "barracuda", "abuseat", "sorbs", "uceprotect", "mailspike", "abusix", "dnsbl",
        "rbl", "blocklist", "blacklist",
    ]

    /// The cause of a refusal, or `nil` when the text is some other error (unknown user, full mailbox).
    /// - Parameter text: the error text, including the command it answered where the log shows it.
    static func cause(of text: String) -> MTALogReport.Cause? {
        let lower = text.lowercased()
        if isEmptyHELO(lower) { return .emptyHELO }
        if let argument = lower.firstRange(of: "helo/ehlo argument"), lower[argument.upperBound...].contains("invalid")
        {
            return .heloSyntax
        }
        if lower.contains("helo command rejected: invalid name") { return .heloSyntax }
        if lower.contains("need fully-qualified hostname") || lower.contains("need fully qualified hostname") {
            return .nonFQDN
        }
        if lower.contains("helo command rejected: host not found") { return .unknownHELO }
        if lower.contains("helo command rejected") { return .heloRejected }
        if lower.contains("blocked using") || lower.contains("listed in") || lower.contains("listing in") {
            return .blocklist
        }
        let words = Set(self.words(lower))
        if !words.isDisjoint(with: listingWords) || words.contains(where: { listWords[$0] != nil }) {
            return .blocklist
        }
        return nil
    }

    private static func isEmptyHELO(_ lower: String) -> Bool {
        if lower.contains("empty helo/ehlo argument") { return true }
        for command in ["helo", "ehlo"] {
            // Exim renders the empty command as "HELO " (smtp.c), so "after HELO :" and
            // "in response to HELO  (EHLO response was: …)" with two spaces.
            if lower.contains("after \(command) :") || lower.contains("in response to \(command)  (") {
                return true
            }
            if lower.hasSuffix("in response to \(command) ") || lower.hasSuffix("in response to \(command)") {
                return true
            }
            if lower.contains("syntax: \(command) hostname") { return true }
        }
        return false
    }

    /// The blocklists a refusal names: known list words (`Spamhaus`, `XBL`) and zone names.
    /// - Parameter text: the error text.
    /// - Returns: names in order of first appearance, without repeats.
    static func lists(in text: String) -> [String] {
        let lower = text.lowercased()
        var names: [String] = []
        for word in words(lower) {
            if let name = listWords[word], !names.contains(name) { names.append(name) }
        }
        for word in dottedWords(lower) where zoneWords.contains(where: word.contains) && !word.hasPrefix("www.") {
            // A query name (`25.2.0.192.zen.spamhaus.org`) names its zone after the reversed address.
            let zone = word.split(separator: ".").drop { $0.allSatisfy(\.isNumber) }.joined(separator: ".")
            if !names.contains(zone) { names.append(zone) }
        }
        return names
    }

    /// The IPv4 addresses quoted in a refusal (`Client host [192.0.2.25] blocked using …`).
    /// - Parameter text: the error text.
    /// - Returns: addresses in order of first appearance, without repeats.
    static func addresses(in text: String) -> [String] {
        var found: [String] = []
        var current = ""
        for character in text.unicodeScalars {
            if ("0"..."9").contains(character) || character == "." {
                current.unicodeScalars.append(character)
                continue
            }
            let isLetter = character.properties.isAlphabetic
            if !isLetter, isIPv4(current), !found.contains(current) { found.append(current) }
            current = ""
        }
        if isIPv4(current), !found.contains(current) { found.append(current) }
        return found
    }

    private static func isIPv4(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            (1...3).contains(part.count) && (Int(part).map { $0 <= 255 } ?? false)
        }
    }

    private static func words(_ lower: String) -> [String] {
        lower.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func dottedWords(_ lower: String) -> [String] {
        lower.split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
            .map { String($0).trimmingDots() }
            .filter { $0.contains(".") }
    }
}

extension String {
    fileprivate func trimmingDots() -> String {
        var result = Substring(self)
        while result.hasPrefix(".") { result = result.dropFirst() }
        while result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}
