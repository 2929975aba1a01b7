import CCurl
import Foundation

extension SMTPClient {
    /// Rewrites libcurl's terse SMTP messages ("RCPT failed: 550", "Login denied") into ones that say
    /// what the server refused, with its reply; the password never appears in the result.
    /// - Parameters:
    ///   - error: what `CurlEasy.perform` threw.
    ///   - easy: the handle, for the reply code and the server's reply lines.
    /// - Returns: the error with a specific message (and `.rejected` for a refused envelope or message).
    func refine(_ error: CurlError, from easy: CurlEasy) -> CurlError {
        let curlCode = CURLcode(rawValue: UInt32(bitPattern: error.curlCode))
        let reply = easy.info(long: CURLINFO_RESPONSE_CODE)
        if let rejection = rejection(error, curlCode: curlCode, reply: reply, easy: easy) { return scrubbed(rejection) }
        let refined: CurlError
        switch error.code {
        case .authFailed:
            let user = options.username.map { " for \($0)" } ?? ""
            refined = CurlError(.authFailed, "the server rejected the credentials\(user)", curlCode: curlCode)
        case .tlsUnavailable:
            refined = CurlError(.tlsUnavailable, starttlsMessage(error, easy: easy, reply: reply), curlCode: curlCode)
        case .timedOut:
            refined = CurlError(
                .timedOut,
                easy.timeoutMessage(connect: options.connectTimeout, total: options.totalTimeout),
                curlCode: curlCode
            )
        case .connectFailed:
            refined = CurlError(.connectFailed, easy.connectMessage(fallback: error.message), curlCode: curlCode)
        default:
            refined = error
        }
        return scrubbed(refined)
    }

    /// `.rejected` when the server answered a stage of the session with a 4xx or 5xx reply.
    private func rejection(_ error: CurlError, curlCode: CURLcode, reply: Int, easy: CurlEasy) -> CurlError? {
        guard reply >= 400, [.sendFailed, .receiveFailed, .other].contains(error.code),
            let stage = Self.rejectedStage(error.message, curlCode: curlCode)
        else { return nil }
        return CurlError(.rejected, "\(stage) rejected: \(Self.replyText(reply, in: easy))", curlCode: curlCode)
    }

    /// What the session stage libcurl names in its error buffer refused, `nil` when it is not a refusal.
    ///
    /// libcurl 7.88 (smtp.c) says "MAIL failed: N", "RCPT failed: N", "DATA failed: N"; it says nothing
    /// for a refusal after the data (only the code, `CURLE_WEIRD_SERVER_REPLY` or `CURLE_RECV_ERROR`
    /// depending on the version), "Got unexpected smtp-server response: N" for a refused greeting and
    /// "Remote access denied: N" when both EHLO and HELO are refused.
    static func rejectedStage(_ message: String, curlCode: CURLcode) -> String? {
        let text = message.lowercased()
        let stages = [
            ("mail failed", "sender"), ("rcpt failed", "recipient"), ("data failed", "message"),
            ("got unexpected smtp-server response", "connection"), ("remote access denied", "EHLO"),
        ]
        if let (_, stage) = stages.first(where: { text.hasPrefix($0.0) }) { return stage }
        let afterData = curlCode == CURLE_WEIRD_SERVER_REPLY || curlCode == CURLE_RECV_ERROR
        return afterData ? "message" : nil
    }

    /// The server's last reply line with code `reply` ("550 5.1.1 <x@example.test>: no such user"),
    /// else just the code. Control characters are dropped: the text comes from the network.
    static func replyText(_ reply: Int, in easy: CurlEasy) -> String {
        let code = String(reply)
        guard let line = easy.responseLines.last(where: { $0.hasPrefix(code + " ") || $0.hasPrefix(code + "-") })
        else { return code }
        let cleaned = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return cleaned.trimmingCharacters(in: .whitespaces)
    }

    /// Why STARTTLS did not happen: not offered, or refused with a reply.
    private func starttlsMessage(_ error: CurlError, easy: CurlEasy, reply: Int) -> String {
        if error.message.lowercased().hasPrefix("starttls denied") {
            return "the server refused STARTTLS: \(Self.replyText(reply, in: easy))"
        }
        let needed = options.security == .optional ? ", which is needed to send credentials" : ""
        return "the server does not offer STARTTLS\(needed)"
    }

    /// `error` with the password, should a server have echoed it, replaced by `***`.
    private func scrubbed(_ error: CurlError) -> CurlError {
        guard let password = options.password, !password.isEmpty, error.message.contains(password) else { return error }
        var copy = error
        copy.message = error.message.replacingOccurrences(of: password, with: "***")
        return copy
    }
}
