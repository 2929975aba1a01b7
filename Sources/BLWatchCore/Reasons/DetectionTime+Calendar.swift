/// Proleptic Gregorian calendar arithmetic for turning offset times into UTC, without Foundation's
/// time-zone machinery (the offsets are explicit, so none is needed).
extension DetectionTime {
    /// The token at `index`, or `nil` past the end.
    static func token(_ tokens: [Substring], _ index: Int) -> Substring? {
        tokens.indices.contains(index) ? tokens[index] : nil
    }

    /// Whether the date exists (years 1970–2999, so page furniture like "0000-00-00" is ignored).
    static func isValid(_ date: (year: Int, month: Int, day: Int)) -> Bool {
        guard (1970...2999).contains(date.year), (1...12).contains(date.month), date.day >= 1 else { return false }
        return date.day <= daysIn(month: date.month, year: date.year)
    }

    /// "YYYY-MM-DD HH:MM[:SS] UTC" for a local date and clock at `offset` minutes east of UTC.
    static func normalised(date: (year: Int, month: Int, day: Int), clock: Clock, offset: Int) -> String {
        let minutes = clock.hour * 60 + clock.minute - offset
        let dayShift = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let minuteOfDay = minutes - dayShift * 1440
        let utc = civil(fromDays: days(fromCivil: date) + dayShift)
        var text = "\(pad(utc.year, 4))-\(pad(utc.month, 2))-\(pad(utc.day, 2)) "
        text += "\(pad(minuteOfDay / 60, 2)):\(pad(minuteOfDay % 60, 2))"
        if let second = clock.second { text += ":\(pad(second, 2))" }
        return text + " UTC"
    }

    /// The number zero-padded to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivil date: (year: Int, month: Int, day: Int)) -> Int {
        let year = date.month <= 2 ? date.year - 1 : date.year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date for days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays count: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = count + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
