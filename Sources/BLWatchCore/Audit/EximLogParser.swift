/// Turns Exim mainlog entries into ``MTALogEvent`` values (DOMAIN.md §5.1).
///
/// - An arrival `<id> <= <sender> …` gives the message's sender; `<= <>` (with `R=<parent>`) is a
///   bounce. A `P=<>` or `F=<>` on a delivery line says the same (`+return_path_on_delivery`,
///   `+sender_on_delivery`).
/// - A refusal is a line carrying `SMTP error from remote mail server after <cmd>: <reply>` or
///   `Remote host closed connection in response to <cmd>`; both the host-level line and the
///   `**`/`==` line of one event match, and the collector counts them once.
///
/// Message ids are 23 characters (`6-11-4`, Exim 4.97 and later) or 16 (`6-6-2`, before).
struct EximLogParser: Sendable {
    private static let remoteMarkers = [
        "SMTP error from remote mail server after ",
        "Remote host closed connection in response to ",
    ]

    /// Creates a parser.
    init() {}

    /// The events of one entry (continuation lines already joined with `\n`).
    /// - Parameters:
    ///   - entry: the entry, header removed.
    ///   - line: the entry as read, for evidence.
    func events(in entry: MTALogLine, line: String) -> [MTALogEvent] {
        var rest = Substring(entry.text)
        var message: String?
        if let space = rest.utf8.firstIndex(of: 0x20), Self.isMessageID(rest[..<space]) {
            message = "exim:" + rest[..<space]
            rest = rest[rest.utf8.index(after: space)...]
        }
        if let message, rest.hasPrefix("<= ") {
            let sender = rest.dropFirst(3).prefix { $0 != " " }
            return [.sender(message: message, isNull: sender == "<>")]
        }
        var events: [MTALogEvent] = []
        if let message, ["** ", "== ", "=> ", "-> "].contains(where: rest.hasPrefix),
            MTATextSearch.contains(" P=<> ", in: rest) || MTATextSearch.contains(" F=<> ", in: rest)
                || rest.hasSuffix(" P=<>")
        {
            events.append(.sender(message: message, isNull: true))
        }
        if let rejection = rejection(in: rest, message: message, entry: entry, line: line) {
            events.append(.rejection(rejection))
        }
        return events
    }

    private func rejection(
        in rest: Substring,
        message: String?,
        entry: MTALogLine,
        line: String
    ) -> MTARejection? {
        guard let marker = Self.remoteMarkers.lazy.compactMap({ MTATextSearch.range(of: $0, in: rest) }).first else {
            return nil
        }
        let text = String(rest[marker.lowerBound...])
        guard let cause = MTARejectionText.cause(of: text) else { return nil }
        let host = Self.host(in: rest[..<marker.lowerBound])
        return MTARejection(
            mta: .exim,
            message: message,
            cause: cause,
            remote: host.remote,
            remoteIP: host.ip,
            day: entry.day,
            seconds: entry.seconds,
            text: text,
            line: line
        )
    }

    /// `H=name [ip]`, `H=name (helo) [ip]:port` or `H=[ip]` as `name [ip]`.
    static func host(in text: Substring) -> (remote: String, ip: String?) {
        guard let start = MTATextSearch.range(of: "H=", in: text) else { return ("unknown", nil) }
        var rest = text[start.upperBound...]
        var name = ""
        if rest.first != "[" {
            name = String(rest.prefix { $0 != " " && $0 != ":" })
            rest = rest.dropFirst(name.count).drop { $0 == " " }
            if rest.first == "(", let close = rest.firstIndex(of: ")") {
                rest = rest[rest.index(after: close)...].drop { $0 == " " }
            }
        }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
            return (name.isEmpty ? "unknown" : name, nil)
        }
        let ip = String(rest[rest.index(after: rest.startIndex)..<close])
        return (name.isEmpty ? "[\(ip)]" : "\(name) [\(ip)]", ip)
    }

    /// Whether `token` is an Exim message id: `6-6-2` (16) or `6-11-4` (23) ASCII alphanumerics.
    static func isMessageID(_ token: Substring) -> Bool {
        let bytes = token.utf8
        guard bytes.count == 16 || bytes.count == 23 else { return false }
        let secondDash = bytes.count == 16 ? 13 : 18
        for (offset, byte) in bytes.enumerated() {
            let isDash = offset == 6 || offset == secondDash
            guard isDash ? byte == 0x2d : isAlphanumeric(byte) else { return false }
        }
        return true
    }

    /// Whether `byte` is an ASCII letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
    }
}
