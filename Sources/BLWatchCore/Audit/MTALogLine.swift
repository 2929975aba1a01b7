/// One Exim or Postfix log entry, with its timestamp and any syslog header taken off.
///
/// Recognised headers:
/// - Exim's own mainlog: `2025-03-04 10:15:02[.123][ +0100][ [pid]] <text>`;
/// - BSD syslog, as rsyslog writes by default and as Postfix's `postlogd` writes `maillog_file`
///   (`msg_logger.c`: `strftime("%b %d %H:%M:%S ")`, so the day is zero-padded there and
///   space-padded in syslog): `Mar  4 10:15:03 host tag[pid]: <text>`;
/// - RFC 3339 syslog (rsyslog's high-precision format): `2025-03-04T10:15:03.123+01:00 host tag[pid]: <text>`.
///
/// A syslog tag with a `/` (`postfix/smtp`, `postfix-out/qmgr`) is Postfix; a tag containing `exim`
/// is Exim logging through syslog (its long entries split into `[n/m]` parts).
struct MTALogLine: Sendable {
    /// Which MTA wrote it, and how.
    enum Origin: Sendable, Equatable {
        case exim
        case eximSyslog
        case postfix
    }

    var origin: Origin
    /// `2025-03-04`, or `--03-04` (ISO 8601 without year) for BSD syslog lines, which carry no year.
    var day: String
    /// Seconds since midnight.
    var seconds: Int
    /// The Postfix daemon (`smtp`, `qmgr`, `bounce`); empty for Exim.
    var process: String
    /// The entry after the header: `<msgid> <flag> …` for Exim, `<queueid>: …` for Postfix.
    var text: String
    /// For Exim through syslog, the part number of a split entry (`[2/3]` gives 2); else 1.
    var part = 1

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses the header of `line`; `nil` when the line has no header this scanner knows (an Exim
    /// continuation line, another program's syslog line, garbage).
    static func parse(_ line: String) -> MTALogLine? {
        let head = Array(line.utf8.prefix(300))
        var cursor = HeaderCursor(bytes: head)
        if let stamp = cursor.isoStamp() {
            if cursor.take(0x20) { return exim(line, stamp: stamp, cursor: &cursor) }
            guard cursor.take(UInt8(ascii: "T")), let time = cursor.clock() else { return nil }
            cursor.skipFraction()
            guard cursor.skipZone(), cursor.take(0x20) else { return nil }
            return syslog(line, day: stamp, seconds: time, cursor: &cursor)
        }
        cursor = HeaderCursor(bytes: head)
        guard let day = cursor.bsdDay(months: months), let time = cursor.clock(), cursor.take(0x20) else {
            return nil
        }
        return syslog(line, day: day, seconds: time, cursor: &cursor)
    }

    private static func exim(_ line: String, stamp: String, cursor: inout HeaderCursor) -> MTALogLine? {
        guard let time = cursor.clock() else { return nil }
        cursor.skipFraction()
        let afterTime = cursor.offset
        if !(cursor.take(0x20) && cursor.numericZone() && cursor.peek == 0x20) { cursor.offset = afterTime }
        guard cursor.take(0x20) else { return nil }
        cursor.skipBracketedNumber()
        return MTALogLine(
            origin: .exim,
            day: stamp,
            seconds: time,
            process: "",
            text: rest(of: line, at: cursor.offset)
        )
    }

    private static func syslog(_ line: String, day: String, seconds: Int, cursor: inout HeaderCursor) -> MTALogLine? {
        guard cursor.word() != nil, cursor.take(0x20), let tag = cursor.tag() else { return nil }
        cursor.skipBracketedNumber(requireSpace: false)
        guard cursor.take(UInt8(ascii: ":")), cursor.take(0x20) else { return nil }
        if tag.contains("/") {
            let process = String(tag.split(separator: "/").last ?? "")
            return MTALogLine(
                origin: .postfix,
                day: day,
                seconds: seconds,
                process: process,
                text: rest(of: line, at: cursor.offset)
            )
        }
        guard tag.lowercased().contains("exim") else { return nil }
        let part = cursor.splitPart()
        if cursor.isoStamp() != nil, cursor.take(0x20), cursor.clock() != nil, cursor.take(0x20) {
            cursor.skipBracketedNumber()
        } else {
            cursor.offset = part.offset
        }
        var entry = MTALogLine(
            origin: .eximSyslog,
            day: day,
            seconds: seconds,
            process: "",
            text: rest(of: line, at: cursor.offset)
        )
        entry.part = part.number
        return entry
    }

    private static func rest(of line: String, at offset: Int) -> String {
        String(line.utf8.dropFirst(offset)) ?? String(decoding: Array(line.utf8.dropFirst(offset)), as: UTF8.self)
    }
}

/// A position in the first bytes of a line, with the small readers the header formats need.
private struct HeaderCursor {
    let bytes: [UInt8]
    var offset = 0

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        offset += 1
        return true
    }

    mutating func number(_ count: Int) -> Int? {
        guard offset + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[offset..<offset + count] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        offset += count
        return value
    }

    /// `YYYY-MM-DD`.
    mutating func isoStamp() -> String? {
        let start = offset
        guard let year = number(4), take(0x2d), let month = number(2), take(0x2d), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else {
            offset = start
            return nil
        }
        return "\(year)-\(Self.twoDigits(month))-\(Self.twoDigits(day))"
    }

    /// `Mar  4 ` or `Mar 04 ` as `--03-04`.
    mutating func bsdDay(months: [String]) -> String? {
        guard bytes.count >= 7, let month = months.firstIndex(of: String(decoding: bytes[0..<3], as: UTF8.self)),
            bytes[3] == 0x20
        else { return nil }
        offset = 4
        _ = take(0x20)
        let day = number(2) ?? number(1)
        guard let day, (1...31).contains(day), take(0x20) else { return nil }
        return "--\(Self.twoDigits(month + 1))-\(Self.twoDigits(day))"
    }

    /// `HH:MM:SS` as seconds since midnight.
    mutating func clock() -> Int? {
        guard let hour = number(2), take(0x3a), let minute = number(2), take(0x3a), let second = number(2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        return hour * 3600 + minute * 60 + second
    }

    mutating func skipFraction() {
        guard take(0x2e) else { return }
        while let byte = peek, (0x30...0x39).contains(byte) { offset += 1 }
    }

    /// `Z` or `+01:00` (RFC 3339).
    mutating func skipZone() -> Bool {
        if take(UInt8(ascii: "Z")) { return true }
        guard take(0x2b) || take(0x2d), number(2) != nil, take(0x3a), number(2) != nil else { return false }
        return true
    }

    /// `+0100` (Exim's `log_timezone`).
    mutating func numericZone() -> Bool {
        guard take(0x2b) || take(0x2d), number(4) != nil else { return false }
        return true
    }

    /// `[1234] ` (or `[1234]` before a colon), as Exim's `+pid` and syslog tags write it.
    mutating func skipBracketedNumber(requireSpace: Bool = true) {
        let start = offset
        guard take(0x5b) else { return }
        while let byte = peek, (0x30...0x39).contains(byte) || byte == 0x3a { offset += 1 }
        guard take(0x5d), !requireSpace || take(0x20) else {
            offset = start
            return
        }
    }

    /// Exim's syslog split marker `[2/3] `; returns the part number (1 when absent).
    mutating func splitPart() -> (number: Int, offset: Int) {
        let start = offset
        guard take(0x5b), var value = number(1) else {
            offset = start
            return (1, start)
        }
        while let digit = number(1) {
            // Exim's parts are few; a longer run of digits is no marker, and would overflow (scripts/fuzz).
            guard value < 100_000 else {
                offset = start
                return (1, start)
            }
            value = value * 10 + digit
        }
        guard take(0x2f) else {
            offset = start
            return (1, start)
        }
        while let byte = peek, (0x30...0x39).contains(byte) { offset += 1 }
        guard take(0x5d), take(0x20) else {
            offset = start
            return (1, start)
        }
        return (value, offset)
    }

    /// A host name: everything up to the next space.
    mutating func word() -> String? {
        let start = offset
        while let byte = peek, byte != 0x20 { offset += 1 }
        return offset > start ? String(decoding: bytes[start..<offset], as: UTF8.self) : nil
    }

    /// A syslog tag: up to `[` or `:`.
    mutating func tag() -> String? {
        let start = offset
        while let byte = peek, byte != 0x5b, byte != 0x3a, byte != 0x20 { offset += 1 }
        return offset > start ? String(decoding: bytes[start..<offset], as: UTF8.self) : nil
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
