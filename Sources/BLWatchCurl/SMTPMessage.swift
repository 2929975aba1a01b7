import Foundation

/// One message to deliver: the SMTP envelope and the RFC 5322 text.
public struct SMTPMessage: Sendable {
    /// The envelope sender (`MAIL FROM`), without angle brackets; empty for the null sender `<>`.
    public var from: String
    /// The envelope recipients (`RCPT TO`), one or more, without angle brackets.
    public var recipients: [String]
    /// The complete RFC 5322 message (headers, blank line, body) with CRLF line endings. It is sent as
    /// it is: libcurl adds the dot-stuffing and the terminating `.` line.
    public var data: [UInt8]

    /// Creates a message.
    /// - Parameters:
    ///   - from: the envelope sender.
    ///   - recipients: the envelope recipients.
    ///   - data: the complete message, CRLF line endings.
    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }

    /// Refuses what cannot be sent safely: no recipient, an empty recipient, or a control character
    /// (a line break would inject SMTP commands: libcurl 7.88 does not check).
    /// - Throws: `CurlError` `.invalidMessage`.
    func validate() throws(CurlError) {
        guard !recipients.isEmpty else { throw CurlError(.invalidMessage, "a message needs at least one recipient") }
        for address in [from] + recipients where address.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw CurlError(.invalidMessage, "the address \(address.debugDescription) contains a control character")
        }
        for address in recipients where Self.bare(address).isEmpty {
            throw CurlError(.invalidMessage, "a recipient address is empty")
        }
    }

    /// `address` in angle brackets, as libcurl sends it (`MAIL FROM:<a@b>`).
    static func bracketed(_ address: String) -> String { "<\(bare(address))>" }

    /// `address` without surrounding angle brackets or spaces.
    private static func bare(_ address: String) -> String {
        var text = Substring(address.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 { text = text.dropFirst().dropLast() }
        return String(text)
    }
}
