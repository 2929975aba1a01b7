import BLWatchCurl
import Foundation

/// Delivers the outbox: each due alert through its channel, marked sent only once the server took
/// it; a failure is kept with its cause and retried by a later scan, with backoff.
struct AlertDispatcher: Sendable {
    /// What one pass did.
    struct Delivery: Sendable {
        /// `email: sent (2 changes)`-style lines.
        var delivered: [String] = []
        /// Failures, each with what happens next.
        var failures: [String] = []
    }

    let settings: AlertSettings
    let store: HistoryStore
    let host: String

    /// Sends every due alert, then prunes delivered ones past the retention.
    func deliverDue(now: Date = Date()) async -> Delivery {
        var delivery = Delivery()
        let due: [AlertOutboxRecord]
        do {
            due = try store.dueAlerts(now: now)
        } catch {
            delivery.failures.append("alerts not sent: \(error)")
            return delivery
        }
        for var row in due {
            let events = row.decodedEvents
            do throws(CurlError) {
                guard !events.isEmpty else { throw CurlError(.other, "the stored events cannot be read") }
                try await send(events, channel: row.channel, messageID: messageID(row), date: row.createdAt)
                row.sentAt = Date()
                row.lastError = nil
                delivery.delivered.append(
                    "\(row.channel.rawValue): sent \(AlertComposer.plural(events.count, "change"))"
                )
            } catch {
                row.attempts += 1
                row.lastError = error.message
                row.nextAttemptAt = Date().addingTimeInterval(Self.backoff(attempts: row.attempts))
                delivery.failures.append(
                    "\(row.channel.rawValue) alert not delivered (\(error.message)); kept in the outbox and retried by the next scan"
                )
            }
            do { try store.saveAttempt(row) } catch { delivery.failures.append("\(error)") }
        }
        _ = try? store.pruneAlerts(sentBefore: now.addingTimeInterval(-Double(settings.retentionDays) * 86_400))
        return delivery
    }

    /// Sends `events` through `channel` now.
    /// - Throws: `CurlError` when the server did not accept it, or the channel is not configured.
    func send(_ events: [AlertEvent], channel: AlertChannel, messageID: String, date: Date) async throws(CurlError) {
        let reasons = (try? store.reasons(listingIDs: events.compactMap(\.episodeId))) ?? [:]
        let composer = AlertComposer(events: events, reasons: reasons, host: host)
        switch channel {
        case .email:
            guard let email = settings.email else { throw CurlError(.other, "no email channel is configured") }
            try await sendEmail(composer, email: email, messageID: messageID, date: date)
        case .webhook:
            guard let webhook = settings.webhook else { throw CurlError(.other, "no webhook is configured") }
            try await post(composer.webhookBody(webhook.format), to: webhook)
        }
    }

    private func sendEmail(
        _ composer: AlertComposer,
        email: AlertSettings.Email,
        messageID: String,
        date: Date
    ) async throws(CurlError) {
        let message = MailMessage(
            from: email.from,
            to: email.to,
            subject: composer.subject,
            date: date,
            messageID: messageID,
            text: composer.text,
            html: composer.html,
            // RFC 3834: machine-made mail; auto-responders and vacation programs stay quiet.
            extraHeaders: [("Auto-Submitted", "auto-generated"), ("X-Mailer", "blwatch \(BLWatchVersion.current)")]
        )
        let options = SMTPOptions(
            url: email.url,
            security: email.security,
            username: email.username,
            password: email.password,
            caFile: email.caFile,
            heloName: email.heloName
        )
        try await SMTPClient(options: options).send(
            SMTPMessage(from: email.from, recipients: email.to, data: message.rendered())
        )
    }

    /// One POST, retried once after a pause when it fails: a webhook endpoint restarting is common.
    private func post(_ body: [UInt8], to webhook: AlertSettings.Webhook) async throws(CurlError) {
        let client = HTTPClient(
            options: HTTPClientOptions(
                connectTimeout: min(.seconds(5), webhook.timeout),
                totalTimeout: webhook.timeout,
                maxBodyBytes: 64 * 1024,
                maxRedirects: 3,
                userAgent: BLWatchVersion.userAgent
            )
        )
        let request = HTTPRequest(
            url: webhook.url,
            method: .post,
            headers: [HTTPHeader("Content-Type", "application/json")],
            body: body
        )
        var lastError = CurlError(.other, "not attempted")
        for attempt in 0..<2 {
            if attempt > 0 { try? await Task.sleep(for: .seconds(2)) }
            do {
                let response = try await client.send(request)
                if (200...299).contains(response.status) { return }
                lastError = CurlError(.other, "the webhook answered HTTP \(response.status)")
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Stable across retries, so a receiver that saw an earlier attempt can tell it is the same mail.
    func messageID(_ row: AlertOutboxRecord) -> String {
        "<blwatch.\(row.scanRunId ?? 0).\(row.id ?? 0).\(Int(row.createdAt.timeIntervalSince1970))@\(host)>"
    }

    /// Seconds until the next attempt: none after the first failure (the next scan retries), then
    /// 1 minute, doubling, at most 6 hours, so a long outage costs a handful of attempts a day.
    static func backoff(attempts: Int) -> TimeInterval {
        attempts <= 1 ? 0 : min(60 * pow(2, Double(attempts - 2)), 6 * 3600)
    }
}
