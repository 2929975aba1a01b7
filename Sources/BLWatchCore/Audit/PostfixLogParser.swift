/// Turns Postfix log entries into ``MTALogEvent`` values (DOMAIN.md §5.2).
///
/// - The sender: qmgr's `<id>: from=<>, size=…` (and pickup's `uid=… from=<…>`); the bounce
///   daemon's `<id>: sender non-delivery notification: <newid>` (and the delay, success and
///   postmaster notifications) make `<newid>` a null-sender message.
/// - A refusal: the smtp client's `host <name>[<ip>] refused to talk to me: <reply>` (greeting,
///   EHLO, HELO) or `host <name>[<ip>] said: <reply> (in reply to … command)`, standalone for a
///   non-final MX or inside `status=bounced|deferred (…)`. smtpd's own `reject:` lines (us
///   refusing others) and `delivery temporarily suspended` repeats (no new connection) are not refusals.
///
/// Queue ids are short hex (`9C1F23A0B2`) or long (`3Pt2mN2VXxznjll`, `enable_long_queue_ids`).
struct PostfixLogParser: Sendable {
    private static let notWords: Set<Substring> = ["NOQUEUE", "warning", "error", "fatal", "panic", "statistics"]

    /// Creates a parser.
    init() {}

    /// The events of one entry.
    /// - Parameters:
    ///   - entry: the entry, header removed.
    ///   - line: the entry as read, for evidence.
    func events(in entry: MTALogLine, line: String) -> [MTALogEvent] {
        let text = Substring(entry.text)
        guard let separator = MTATextSearch.range(of: ": ", in: text) else { return [] }
        let id = text[..<separator.lowerBound]
        guard Self.isQueueID(id) else { return [] }
        let message = "postfix:" + id
        let body = text[separator.upperBound...]
        if entry.process == "qmgr" || entry.process == "pickup", let sender = Self.sender(in: body) {
            return [.sender(message: message, isNull: sender.isEmpty)]
        }
        if let notice = MTATextSearch.range(of: "notification: ", in: body) {
            let newID = body[notice.upperBound...].prefix { $0 != " " && $0 != "," }
            return Self.isQueueID(newID) ? [.sender(message: "postfix:" + newID, isNull: true)] : []
        }
        guard let rejection = rejection(in: body, message: message, entry: entry, line: line) else { return [] }
        return [.rejection(rejection)]
    }

    private func rejection(
        in body: Substring,
        message: String,
        entry: MTALogLine,
        line: String
    ) -> MTARejection? {
        guard entry.process != "smtpd", !body.hasPrefix("reject: "),
            !MTATextSearch.contains("delivery temporarily suspended", in: body),
            MTATextSearch.contains(" refused to talk to me", in: body) || MTATextSearch.contains(" said: ", in: body)
        else { return nil }
        guard let cause = MTARejectionText.cause(of: String(body)) else { return nil }
        let host = Self.host(in: body)
        // The refusal itself, for evidence: from `host …` on, past `to=`, `relay=` and `delays=`.
        let refusal = MTATextSearch.range(of: "(host ", in: body).map { body[$0.lowerBound...] } ?? body
        return MTARejection(
            mta: .postfix,
            message: message,
            cause: cause,
            remote: host.remote,
            remoteIP: host.ip,
            day: entry.day,
            seconds: entry.seconds,
            text: String(refusal),
            line: line
        )
    }

    /// `from=<addr>` as `addr` (empty for the null sender); `nil` when absent.
    private static func sender(in body: Substring) -> Substring? {
        guard let from = MTATextSearch.range(of: "from=<", in: body) else { return nil }
        let rest = body[from.upperBound...]
        guard let close = rest.firstIndex(of: ">") else { return nil }
        return rest[..<close]
    }

    /// `host name[ip]` (else `relay=name[ip]:port`) as `name [ip]`.
    static func host(in body: Substring) -> (remote: String, ip: String?) {
        let start =
            body.hasPrefix("host ")
            ? body.index(body.startIndex, offsetBy: 5)
            : (MTATextSearch.range(of: "(host ", in: body) ?? MTATextSearch.range(of: " host ", in: body)
                ?? MTATextSearch.range(of: "relay=", in: body))?
                .upperBound
        guard let start else { return ("unknown", nil) }
        let token = body[start...].prefix { $0 != " " && $0 != "," }
        guard let open = token.firstIndex(of: "["), let close = token[open...].firstIndex(of: "]") else {
            return (token.isEmpty ? "unknown" : String(token), nil)
        }
        let name = token[..<open]
        let ip = String(token[token.index(after: open)..<close])
        return (name.isEmpty ? "[\(ip)]" : "\(name) [\(ip)]", ip)
    }

    /// Whether `token` looks like a queue id: 6 to 20 ASCII alphanumerics, not a log keyword.
    static func isQueueID(_ token: Substring) -> Bool {
        (6...20).contains(token.utf8.count) && token.utf8.allSatisfy(EximLogParser.isAlphanumeric)
            && !notWords.contains(token)
    }
}
