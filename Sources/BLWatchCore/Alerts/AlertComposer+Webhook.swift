import Foundation

extension AlertComposer {
    /// One event in the generic webhook document.
    struct WebhookEvent: Codable, Sendable {
        var kind: String
        var title: String
        var subject: String?
        var zone: String?
        var zoneName: String?
        var codes: [AlertEvent.Code]
        var since: Date?
        var clearedAt: Date?
        var txt: String?
        var detail: String?
        /// Label/value lines as the email shows them (reason, HELO seen, delist link, …).
        var details: [[String]]
    }

    /// The generic webhook document.
    struct WebhookDocument: Codable, Sendable {
        var source = "blwatch"
        var version = BLWatchVersion.current
        var host: String
        var summary: String
        /// The changes spelled out in `events` are the first ``AlertComposer/detailedLimit``.
        var totalEvents: Int
        var events: [WebhookEvent]
    }

    /// The POST body for `format`.
    func webhookBody(_ format: AlertSettings.Webhook.Format) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch format {
        case .slack:
            // Slack's incoming webhooks read `text` (mrkdwn); the plain digest reads fine there.
            data = try? encoder.encode(["text": "*\(subject)*\n```\n\(text)\n```"])
        case .generic:
            let document = WebhookDocument(
                host: host,
                summary: subject,
                totalEvents: events.count,
                events: detailed.map { event in
                    WebhookEvent(
                        kind: event.kind.rawValue,
                        title: event.title,
                        subject: event.subject,
                        zone: event.zoneId,
                        zoneName: event.zoneName,
                        codes: event.codes,
                        since: event.since,
                        clearedAt: event.clearedAt,
                        txt: event.txt,
                        detail: event.detail,
                        details: details(event).map { [String($0.label.dropLast()), $0.value] }
                    )
                }
            )
            data = try? encoder.encode(document)
        }
        return Array(data ?? Data("{}".utf8))
    }
}
