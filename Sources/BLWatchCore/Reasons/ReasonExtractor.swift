import Foundation

/// Reads lookup pages and DNSBL TXT answers for why a subject is listed.
///
/// Pure and bounded: at most the first ``maximumTextBytes`` of a page's text are read, every scan is
/// linear, and nothing traps on hostile input.
public enum ReasonExtractor {
    /// How much page text is read; real lookup pages have a few kilobytes.
    static let maximumTextBytes = 256 * 1024

    /// What the page says about `subject`.
    ///
    /// The verdict prefers statements that name the subject over general help text; a page that says the
    /// subject is not listed gives nothing else.
    /// - Parameters:
    ///   - page: the parsed lookup page.
    ///   - subject: the IP or domain looked up, used to pick the sentences and rows about it.
    /// - Returns: the verdict and the evidence found.
    public static func extract(from page: LookupPage, subject: String) -> ReasonExtract {
        let subjectText = subject.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let subjectBytes = Array(subjectText.utf8)
        let text = Array(page.text.utf8.prefix(maximumTextBytes))
        let sentences = PageSentence.split(text)
        let verdict = verdict(of: sentences, subject: subjectBytes)
        guard verdict != .notListed else { return ReasonExtract(pageVerdict: .notListed) }
        var evidence = evidence(in: sentences)
        let mentionsHELO = sentences.contains { $0.contains(Array("helo".utf8)) }
        var rows = TechnicalRow.rows(inTables: page.tableRows, subject: subjectText, pageMentionsHELO: mentionsHELO)
        if rows.isEmpty {
            let lines = text.split(separator: 0x0A).prefix(PageSentence.maximumCount).filter { $0.count <= 300 }
            rows = TechnicalRow.rows(
                inLines: lines.map { String(decoding: $0, as: UTF8.self) },
                subject: subjectText,
                pageMentionsHELO: mentionsHELO
            )
        }
        for row in rows {
            evidence.times.add(row.time)
            if let helo = row.helo { evidence.helos.add(helo) }
        }
        return ReasonExtract(
            pageVerdict: verdict,
            reasons: reasons(from: sentences, subject: subjectBytes),
            detectedAt: evidence.times.items,
            heloValues: evidence.helos.items,
            threats: evidence.threats.items,
            delistURL: delistURL(in: page.links, subject: subjectBytes)
        )
    }

    /// What a DNSBL TXT answer says, such as "Listed by CBL, see http://…",
    /// "Blocked - see http://www.spamcop.net/bl.shtml?192.0.2.1" or "https://www.spamhaus.org/query/ip/192.0.2.1".
    ///
    /// The text itself is the reason when it is more than a bare URL; its URLs are the `links` to look up.
    /// - Parameters:
    ///   - txt: the TXT record text (strings joined).
    ///   - subject: the IP or domain looked up.
    /// - Returns: the verdict, reason, links and any HELO, time or threat the text mentions.
    public static func extract(fromTXT txt: String, subject: String) -> ReasonExtract {
        let text = String(txt.trimmingCharacters(in: .whitespacesAndNewlines).prefix(4096))
        let subjectBytes = Array(subject.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().utf8)
        let sentences = PageSentence.split(Array(text.utf8))
        let evidence = evidence(in: sentences)
        let links = urls(inTXT: text)
        var remainder = text
        for link in links { remainder = remainder.replacingOccurrences(of: link, with: "") }
        let explains = remainder.contains(where: \.isLetter)
        let delist = links.first { link in
            let lower = Array(link.lowercased().utf8)
            return delistWords.contains { ASCIIBytes.find($0.phrase, in: lower, from: 0) != nil }
        }
        return ReasonExtract(
            pageVerdict: verdict(of: sentences, subject: subjectBytes),
            reasons: explains ? [ReasonExtract.shortened(text, to: maximumReasonLength)] : [],
            detectedAt: evidence.times.items,
            heloValues: evidence.helos.items,
            threats: evidence.threats.items,
            delistURL: delist,
            links: links
        )
    }

    /// The http(s) URLs in a TXT answer, in order, without trailing punctuation.
    /// - Parameter txt: the TXT record text.
    /// - Returns: the URLs, without duplicates.
    public static func urls(inTXT txt: String) -> [String] {
        let bytes = Array(txt.utf8.prefix(65536))
        let lower = bytes.map(ASCIIBytes.lowercased)
        let stops: Set<UInt8> = Set(Array(" \t\r\n\"'<>`{}|\\^".utf8))
        let trailing: Set<UInt8> = Set(Array(".,;:!?)]}".utf8))
        var found = UniqueList(limit: 20)
        var cursor = 0
        while let start = ASCIIBytes.find(Array("http".utf8), in: lower, from: cursor) {
            var end = start
            while end < bytes.count, !stops.contains(bytes[end]) { end += 1 }
            cursor = max(end, start + 1)
            while end > start, trailing.contains(bytes[end - 1]) { end -= 1 }
            let candidate = lower[start..<end]
            let schemeEnd = candidate.starts(with: Array("https://".utf8)) ? 8 : 7
            guard candidate.starts(with: Array("http://".utf8)) || schemeEnd == 8, end - start > schemeEnd,
                start == 0 || !ASCIIBytes.isLetter(lower[start - 1])
            else { continue }
            found.add(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        return found.items
    }
}
