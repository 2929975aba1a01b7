/// The pieces of a timestamp (dates, clocks, zones) and the calendar arithmetic for UTC offsets.
extension DetectionTime {
    /// A time of day, with the UTC offset written in the same token (`Z`, `+02:00`), if any.
    struct Clock {
        var hour: Int
        var minute: Int
        var second: Int?
        /// Minutes east of UTC.
        var offset: Int?
    }

    /// A zone token after the time.
    enum Zone {
        /// No zone token: the time is UTC.
        case absent
        /// UTC or an offset from it, in minutes east.
        case offset(Int)
        /// A named local zone (CET, EST…): kept as written.
        case local
    }

    /// Named zones that are not UTC; converting them would need a time-zone database and a guess.
    private static let localZones: Set<String> = [
        "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "EST", "EDT", "CST", "CDT", "MST", "MDT",
        "PST", "PDT", "JST", "KST", "AEST", "AEDT", "MSK", "HKT", "SGT",
    ]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    private static let weekdays: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Whether the token names a day of the week.
    static func weekday(_ token: Substring) -> Bool {
        weekdays.contains(token.lowercased())
    }

    /// The month (1–12) a token names ("Nov", "Nov.", "November").
    static func month(_ token: Substring) -> Int? {
        var lower = token.lowercased()
        if lower.hasSuffix(".") { lower.removeLast() }
        if let index = months.firstIndex(of: lower) { return index + 1 }
        if let index = monthNames.firstIndex(of: lower) { return index + 1 }
        return lower == "sept" ? 9 : nil
    }

    /// A token made only of digits, with a digit count in `digits`.
    static func number(_ token: Substring, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(token.utf8.count), token.utf8.allSatisfy(ASCIIBytes.isDigit) else { return nil }
        return Int(token)
    }

    /// `YYYY-MM-DD` (or `YYYY/MM/DD`) at the start of a token, with what follows it.
    static func isoDate(_ token: Substring) -> (year: Int, month: Int, day: Int, rest: Substring)? {
        let bytes = Array(token.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == bytes[7], bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/")
        else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digitPositions.allSatisfy({ ASCIIBytes.isDigit(bytes[$0]) }) else { return nil }
        func value(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        return (value(0..<4), value(5..<7), value(8..<10), token.dropFirst(10))
    }

    /// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fff`, optionally followed by `Z`, `UTC`, `GMT` or `±hh[:]mm`.
    static func clock(_ token: Substring) -> Clock? {
        var reader = DigitReader(Array(token.utf8))
        guard let hour = reader.digits(1...2), reader.skip(":"), let minute = reader.digits(2...2) else { return nil }
        var second: Int?
        if reader.skip(":") {
            guard let value = reader.digits(2...2) else { return nil }
            second = value
            if reader.skip(".") || reader.skip(",") { _ = reader.digits(1...9) }
        }
        guard hour < 24, minute < 60, (second ?? 0) < 61 else { return nil }
        switch reader.offsetSuffix() {
        case nil: return nil
        case .unzoned: return Clock(hour: hour, minute: minute, second: second, offset: nil)
        case .minutes(let offset): return Clock(hour: hour, minute: minute, second: second, offset: offset)
        }
    }

    /// The zone a token names, if it names one.
    static func zone(_ token: Substring?) -> Zone {
        guard let token else { return .absent }
        let upper = token.uppercased()
        if ["UTC", "GMT", "Z", "UT"].contains(upper) { return .offset(0) }
        if localZones.contains(upper) { return .local }
        var reader = DigitReader(Array(upper.utf8))
        _ = reader.skip("UTC") || reader.skip("GMT")
        guard upper.first == "+" || upper.first == "-" || upper.hasPrefix("UTC") || upper.hasPrefix("GMT"),
            case .minutes(let minutes) = reader.offsetSuffix()
        else { return .absent }
        return .offset(minutes)
    }

    /// The value for a date, clock and zone spanning `tokens[start..<end]` plus the zone token.
    static func render(
        _ tokens: [Substring],
        from start: Int,
        to end: Int,
        date: (year: Int, month: Int, day: Int),
        clock: Clock,
        zone: Zone
    ) -> (value: String, consumed: Int)? {
        guard isValid(date) else { return nil }
        var consumed = end - start
        var offset = clock.offset ?? 0
        switch zone {
        case .absent: break
        case .offset(let minutes):
            offset = minutes
            consumed += 1
        case .local:
            return (tokens[start...end].joined(separator: " "), consumed + 1)
        }
        return (normalised(date: date, clock: clock, offset: offset), consumed)
    }

    /// Completes a timestamp whose date used `used` tokens: reads a clock (unless given) and a zone.
    static func finish(
        _ tokens: [Substring],
        at index: Int,
        used: Int,
        date: (year: Int, month: Int, day: Int),
        clock given: Clock? = nil
    ) -> (value: String, consumed: Int)? {
        var end = index + used
        var time = given
        if time == nil, let next = token(tokens, end).flatMap(clock) {
            time = next
            end += 1
        }
        guard let time else {
            guard isValid(date) else { return nil }
            return ("\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))", used)
        }
        let zone = time.offset == nil ? self.zone(token(tokens, end)) : .absent
        return render(tokens, from: index, to: end, date: date, clock: time, zone: zone)
    }
}
