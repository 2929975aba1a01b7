/// What one log entry tells the scanner: a refusal by a remote server, or a message's sender.
enum MTALogEvent: Sendable {
    /// A remote server refused one of our messages (or our session) for a known cause.
    case rejection(MTARejection)
    /// The sender of a message: null (`<>`, a bounce or DSN) or not.
    case sender(message: String, isNull: Bool)
}

/// One refusal by a remote server, as read from one log entry.
struct MTARejection: Sendable {
    /// Which MTA logged it.
    enum MTA: String, Sendable {
        case exim
        case postfix
    }

    var mta: MTA
    /// `exim:<message id>` or `postfix:<queue id>`; `nil` when the entry names no message.
    var message: String?
    var cause: MTALogReport.Cause
    /// `name [ip]`, `[ip]`, or `unknown`.
    var remote: String
    var remoteIP: String?
    var day: String
    var seconds: Int
    /// The refusal text, a suffix of the entry: from Exim's remote-error marker, or Postfix's `(host …`.
    var text: String
    /// The log entry as read, for evidence.
    var line: String
}
