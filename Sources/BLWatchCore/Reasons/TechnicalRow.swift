import Foundation

/// One row of a Spamhaus-style "Technical information (IP, UTC timestamp, HELO value)" listing:
/// when the subject was seen and with which HELO.
struct TechnicalRow: Equatable {
    /// The detection time, normalised when possible.
    var time: String
    /// The HELO column's value ("(empty)" for an empty cell), or `nil` when the page has no HELO column.
    var helo: String?

    /// The rows of the page's tables that describe `subject`.
    ///
    /// A row qualifies when one cell is an IP address (the subject, when the subject is an address) and a
    /// later cell is a timestamp. The HELO column is the one headed "HELO", else the cell after the time
    /// when the page talks about HELO at all.
    /// - Parameters:
    ///   - tableRows: the page's table rows.
    ///   - subject: the looked-up IP or domain, lower-cased.
    ///   - pageMentionsHELO: whether the page text mentions HELO.
    static func rows(inTables tableRows: [[String]], subject: String, pageMentionsHELO: Bool) -> [TechnicalRow] {
        var heloColumn: Int?
        var found: [TechnicalRow] = []
        for cells in tableRows {
            if cells.count >= 2, let header = cells.firstIndex(where: { $0.lowercased().contains("helo") }),
                !cells.contains(where: { DetectionTime.find(in: $0).isEmpty == false })
            {
                heloColumn = header
                continue
            }
            guard let address = cells.firstIndex(where: { isAddress(Substring($0)) }),
                matches(cells[address], subject: subject),
                let timeIndex = cells.indices.first(where: { $0 > address && wholeTime(cells[$0]) != nil }),
                let time = wholeTime(cells[timeIndex])
            else { continue }
            let column = heloColumn ?? (pageMentionsHELO ? timeIndex + 1 : nil)
            let helo = column.map { $0 < cells.count ? heloCell(cells[$0]) : HELOValueFinder.empty }
            found.append(TechnicalRow(time: time, helo: helo))
        }
        return found
    }

    /// Rows written as lines of text: `192.0.2.1 2026-11-29 10:15:00 mail.example.net` (HELO optional).
    /// - Parameters:
    ///   - lines: the page's text lines.
    ///   - subject: the looked-up IP or domain, lower-cased.
    ///   - pageMentionsHELO: whether a missing last column means an empty HELO.
    static func rows(inLines lines: [String], subject: String, pageMentionsHELO: Bool) -> [TechnicalRow] {
        lines.compactMap { line in
            guard line.utf8.count <= 300 else { return nil }
            let tokens = DetectionTime.tokenize(line)
            guard let first = tokens.first, isAddress(first), matches(String(first), subject: subject),
                let time = DetectionTime.parse(tokens, at: 1)
            else { return nil }
            let rest = tokens.dropFirst(1 + time.consumed)
            switch rest.count {
            case 0: return TechnicalRow(time: time.value, helo: pageMentionsHELO ? HELOValueFinder.empty : nil)
            case 1: return TechnicalRow(time: time.value, helo: rest.first.map { heloCell(String($0)) })
            default: return nil
            }
        }
    }

    /// Whether the token is an IPv4 or IPv6 address.
    static func isAddress(_ token: Substring) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4, !token.contains(":") {
            return parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && (Int(part) ?? 256) <= 255
            }
        }
        let hexOrColon = token.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        return hexOrColon && token.filter { $0 == ":" }.count >= 2 && token.count <= 45
    }

    /// Whether a row's address is about the subject (any address when the subject is a domain).
    private static func matches(_ address: String, subject: String) -> Bool {
        !isAddress(Substring(subject)) || address.lowercased() == subject
    }

    /// The cell as one timestamp, if that is all it holds.
    private static func wholeTime(_ cell: String) -> String? {
        let tokens = DetectionTime.tokenize(cell)
        guard let parsed = DetectionTime.parse(tokens, at: 0), parsed.consumed == tokens.count else { return nil }
        return parsed.value
    }

    /// A HELO cell's value: "(empty)" for an empty cell, a dash or empty quotes.
    private static func heloCell(_ cell: String) -> String {
        let token = cell.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
        let unquoted = token.trimmingCharacters(in: ["\"", "'", "“", "”"])
        return ["", "-", "\u{2014}", "\u{2013}", "(empty)"].contains(unquoted) ? HELOValueFinder.empty : unquoted
    }
}
