public import Foundation

/// How one SMTP client greeted `blwatch helo-catch`: the EHLO/HELO it sent and the envelope sender
/// that followed.
///
/// The catcher records one capture per connection, when the client sends MAIL FROM (or, if it never
/// does, when the connection ends after a greeting). An empty `argument` is the fingerprint of Exim's
/// `helo_data = $sender_address_domain` on a bounce (DOMAIN.md §0).
public struct HELOCapture: Codable, Sendable, Hashable {
    /// When the greeting's session was recorded.
    public var capturedAt: Date
    /// The client's IP address, without the port.
    public var peer: String
    /// `EHLO` or `HELO`, upper-cased.
    public var command: String
    /// The name the client greeted with, trimmed of surrounding spaces; empty when it sent none.
    public var argument: String
    /// The reverse path as sent, angle brackets included (`<>` for a bounce, `<a@b.test>`);
    /// `nil` when the client quit before MAIL FROM.
    public var mailFrom: String?
    /// Whether the envelope sender was the null sender `<>` (a bounce, DSN or delay warning).
    public var isBounce: Bool

    /// Creates a capture; `isBounce` follows from `mailFrom` unless given.
    public init(
        capturedAt: Date,
        peer: String,
        command: String,
        argument: String,
        mailFrom: String?,
        isBounce: Bool? = nil
    ) {
        self.capturedAt = capturedAt
        self.peer = peer
        self.command = command
        self.argument = argument
        self.mailFrom = mailFrom
        self.isBounce = isBounce ?? (mailFrom == "<>")
    }

    /// One line for the operator: `2026-11-29 18:01:02Z 127.0.0.1 EHLO "" MAIL FROM:<> (bounce)`.
    ///
    /// What the peer sent is shown with control characters escaped (`\x1B`): a greeting must not be
    /// able to drive the operator's terminal. The stored capture keeps the bytes as received.
    public var line: String {
        var text = "\(Self.timestamp(capturedAt)) \(peer) \(command) \"\(Self.escaped(argument))\""
        if let mailFrom {
            text += " MAIL FROM:\(Self.escaped(mailFrom))"
        } else {
            text += " (no MAIL FROM)"
        }
        if isBounce { text += " (bounce)" }
        return text
    }

    /// `text` with C0 and C1 control characters and DEL as `\xNN`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `yyyy-MM-dd HH:mm:ssZ` in UTC.
    private static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return
            "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }
}
