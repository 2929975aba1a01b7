import Foundation

/// The SMTP dialogue of one `helo-catch` connection, as a pure state machine: lines in, replies out.
///
/// It accepts any greeting (an empty EHLO included, so the client goes on to MAIL FROM), records the
/// greeting and the envelope sender, and then refuses every recipient with a 5xx so the sending MTA
/// gives up without retrying. It never accepts DATA, so no message body ever reaches it, and it never
/// relays.
struct HELOCatchSession {
    /// What the connection does after a line.
    struct Step: Equatable {
        /// The reply lines to send, without CRLF.
        var replies: [String]
        /// Close the connection after sending them.
        var close = false
        /// A capture that is complete now.
        var capture: HELOCapture? = nil
    }

    /// The reply to RCPT TO: permanent, so the sender bounces or drops the message instead of retrying.
    static let rcptRefusal = "550 5.7.0 blwatch helo-catch records greetings only; no mail is accepted"

    private let name: String
    private let peer: String
    private let maxCommands: Int
    private let now: () -> Date
    private var commands = 0
    private var greeting: (command: String, argument: String)?
    private var mailFrom: String?
    private var captured = false

    /// Starts a session for a client at `peer`.
    /// - Parameters:
    ///   - name: the host name the catcher greets with.
    ///   - peer: the client's IP address.
    ///   - maxCommands: commands after which the session ends with 421.
    ///   - now: the clock for `capturedAt`.
    init(name: String, peer: String, maxCommands: Int, now: @escaping () -> Date = Date.init) {
        self.name = name
        self.peer = peer
        self.maxCommands = maxCommands
        self.now = now
    }

    /// The banner sent when the client connects.
    var banner: String { "220 \(name) ESMTP blwatch helo-catch" }

    /// Handles one command line (CRLF removed).
    mutating func receive(_ line: String) -> Step {
        commands += 1
        if commands > maxCommands {
            return Step(replies: ["421 4.7.0 \(name) too many commands, closing"], close: true)
        }
        let verb = line.prefix { $0 != " " && $0 != "\t" }.uppercased()
        let rest = String(line.dropFirst(verb.count))
        switch verb {
        case "EHLO", "HELO":
            // RFC 5321 §4.1.4: a new EHLO resets the transaction. An empty argument is answered 250 on
            // purpose: refusing it would end the session before MAIL FROM shows it is a bounce.
            greeting = (verb, rest.trimmingCharacters(in: .whitespaces))
            mailFrom = nil
            return Step(replies: ["250 \(name)"])
        case "MAIL":
            return mail(rest)
        case "RCPT":
            guard mailFrom != nil else { return Step(replies: ["503 5.5.1 MAIL FROM first"]) }
            return Step(replies: [Self.rcptRefusal])
        case "DATA", "BDAT":
            return Step(replies: ["503 5.5.1 no valid recipients"])
        case "RSET":
            mailFrom = nil
            return Step(replies: ["250 2.0.0 ok"])
        case "NOOP":
            return Step(replies: ["250 2.0.0 ok"])
        case "QUIT":
            return Step(replies: ["221 2.0.0 \(name) closing"], close: true)
        case "":
            return Step(replies: ["500 5.5.2 syntax error"])
        default:
            return Step(replies: ["502 5.5.2 command not implemented"])
        }
    }

    /// The capture of a session that greeted but ended before MAIL FROM; `nil` when there is nothing
    /// (more) to record.
    mutating func finish() -> HELOCapture? {
        guard !captured, let greeting else { return nil }
        captured = true
        return HELOCapture(
            capturedAt: now(),
            peer: peer,
            command: greeting.command,
            argument: greeting.argument,
            mailFrom: nil
        )
    }

    /// MAIL FROM:<path> [parameters]; records the first one of the connection.
    private mutating func mail(_ rest: String) -> Step {
        guard let greeting else { return Step(replies: ["503 5.5.1 send EHLO or HELO first"]) }
        guard mailFrom == nil else { return Step(replies: ["503 5.5.1 nested MAIL command"]) }
        guard let path = Self.reversePath(rest) else { return Step(replies: ["501 5.5.4 syntax: MAIL FROM:<address>"]) }
        mailFrom = path
        var step = Step(replies: ["250 2.1.0 ok"])
        if !captured {
            captured = true
            step.capture = HELOCapture(
                capturedAt: now(),
                peer: peer,
                command: greeting.command,
                argument: greeting.argument,
                mailFrom: path
            )
        }
        return step
    }

    /// The reverse path of ` FROM:<path> SIZE=…`, brackets kept; a bare address is taken up to the
    /// first space (some clients omit the brackets).
    static func reversePath(_ rest: String) -> String? {
        let text = rest.drop { $0 == " " }
        guard text.prefix(5).uppercased() == "FROM:" else { return nil }
        let path = text.dropFirst(5).drop { $0 == " " }
        if path.hasPrefix("<") {
            guard let end = path.firstIndex(of: ">") else { return nil }
            return String(path[...end])
        }
        let bare = path.prefix { $0 != " " }
        return bare.isEmpty ? nil : String(bare)
    }
}
