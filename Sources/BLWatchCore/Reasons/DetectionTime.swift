/// Timestamps as lookup pages write them, normalised to "YYYY-MM-DD HH:MM[:SS] UTC".
///
/// Accepted: `2026-11-29 10:15:00`, `2026-11-29T10:15:00Z`, `2026-11-29 10:15 GMT`, `+02:00` offsets
/// (converted), `Sun Nov 29 10:15:00 2026 UTC` (ctime), `Sun, 29 Nov 2026 10:15:00 +0000` (RFC 5322) and
/// `Nov 29, 2026 10:15 UTC`. A time without a zone is taken as UTC, the zone lookup pages use ("UTC
/// timestamp"); one in a named local zone (CET, EST…) is kept as written, as is a date without a time.
enum DetectionTime {
    /// The timestamps in a piece of text, normalised where possible, in order.
    /// - Parameter text: a sentence or a table cell.
    /// - Returns: the normalised or as-written timestamps.
    static func find(in text: String) -> [String] {
        let tokens = tokenize(text)
        var found: [String] = []
        var index = 0
        while index < tokens.count {
            if let parsed = parse(tokens, at: index) {
                found.append(parsed.value)
                index += parsed.consumed
            } else {
                index += 1
            }
        }
        return found
    }

    /// Splits text into whitespace-separated tokens without surrounding brackets and punctuation.
    static func tokenize(_ text: String) -> [Substring] {
        let junk: Set<Character> = ["(", ")", "[", "]", ",", ";", "\"", "'"]
        return text.split(whereSeparator: \.isWhitespace).compactMap { token in
            var slice = token
            while let first = slice.first, junk.contains(first) { slice = slice.dropFirst() }
            while let last = slice.last, junk.contains(last) || last == "." { slice = slice.dropLast() }
            return slice.isEmpty ? nil : slice
        }
    }

    /// Parses a timestamp starting at `tokens[index]`.
    /// - Returns: the normalised (or as-written) value and how many tokens it used.
    static func parse(_ tokens: [Substring], at index: Int) -> (value: String, consumed: Int)? {
        guard index < tokens.count else { return nil }
        if weekday(tokens[index]) {
            guard let rest = parse(tokens, at: index + 1), rest.consumed > 0 else { return nil }
            return (rest.value, rest.consumed + 1)
        }
        if let iso = isoDate(tokens[index]) { return parseISO(tokens, at: index, date: iso) }
        if let named = month(tokens[index]) { return parseMonthFirst(tokens, at: index, month: named) }
        if let day = number(tokens[index], digits: 1...2), let named = token(tokens, index + 1).flatMap(month) {
            guard let year = token(tokens, index + 2).flatMap({ number($0, digits: 4...4) }) else { return nil }
            return finish(tokens, at: index, used: 3, date: (year, named, day))
        }
        return nil
    }

    /// `YYYY-MM-DD` followed by `Thh:mm…` in the same token or `hh:mm…` in the next.
    private static func parseISO(
        _ tokens: [Substring],
        at index: Int,
        date: (year: Int, month: Int, day: Int, rest: Substring)
    ) -> (value: String, consumed: Int)? {
        let plain = (date.year, date.month, date.day)
        if let first = date.rest.first, first == "T" || first == "t" {
            guard let clock = clock(date.rest.dropFirst()) else { return nil }
            return finish(tokens, at: index, used: 1, date: plain, clock: clock)
        }
        guard date.rest.isEmpty else { return nil }
        return finish(tokens, at: index, used: 1, date: plain)
    }

    /// `Nov 29 10:15:00 2026`, `Nov 29 2026 10:15`, `Nov 29, 2026 10:15` (commas already dropped).
    private static func parseMonthFirst(
        _ tokens: [Substring],
        at index: Int,
        month: Int
    ) -> (value: String, consumed: Int)? {
        guard let day = token(tokens, index + 1).flatMap({ number($0, digits: 1...2) }) else { return nil }
        if let time = token(tokens, index + 2).flatMap(clock),
            let year = token(tokens, index + 3).flatMap({ number($0, digits: 4...4) })
        {
            let zoneStart = index + 4
            let zone = time.offset == nil ? self.zone(token(tokens, zoneStart)) : .absent
            return render(tokens, from: index, to: zoneStart, date: (year, month, day), clock: time, zone: zone)
        }
        guard let year = token(tokens, index + 2).flatMap({ number($0, digits: 4...4) }) else { return nil }
        return finish(tokens, at: index, used: 3, date: (year, month, day))
    }
}
