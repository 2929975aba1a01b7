import BLWatchCurl
import Foundation

/// Alert delivery against the history: the outbox after a scan, and `blwatch alert test`.
public struct AlertJob: Sendable {
    /// What happened to one channel.
    public struct ChannelResult: Sendable {
        public var channel: AlertChannel
        /// Where it went: recipients and server, or the webhook's host (a URL's credentials never show).
        public var destination: String
        /// `nil` when it was accepted.
        public var error: String?
    }

    /// What one delivery pass did.
    public struct Delivery: Sendable {
        public var delivered: [String]
        public var failures: [String]
    }

    private let settings: RunSettings
    private let store: HistoryStore

    /// Creates the job.
    public init(settings: RunSettings, store: HistoryStore) {
        self.settings = settings
        self.store = store
    }

    private var dispatcher: AlertDispatcher {
        AlertDispatcher(settings: settings.config.alerts, store: store, host: Self.hostName)
    }

    /// Delivers what the outbox holds and is due. Never throws: the scan is already stored.
    public func deliver() async -> Delivery {
        let delivery = await dispatcher.deliverDue()
        return Delivery(delivered: delivery.delivered, failures: delivery.failures)
    }

    /// Sends a test message through every configured channel, directly (not through the outbox).
    public func test() async -> [ChannelResult] {
        let alerts = settings.config.alerts
        let event = AlertEvent(
            kind: .test,
            title: "test alert from \(Self.hostName)",
            detail: "blwatch alert test: if you read this, alerts reach you through this channel"
        )
        var results: [ChannelResult] = []
        for channel in alerts.channels {
            let destination =
                switch channel {
                case .email:
                    "\(alerts.email?.to.joined(separator: ", ") ?? "") via \(AlertSecret.shown(alerts.email?.url ?? ""))"
                case .webhook: AlertSecret.shown(alerts.webhook?.url ?? "")
                }
            do {
                let id = "<blwatch.test.\(Int(Date().timeIntervalSince1970))@\(Self.hostName)>"
                try await dispatcher.send([event], channel: channel, messageID: id, date: Date())
                results.append(ChannelResult(channel: channel, destination: destination, error: nil))
            } catch {
                results.append(ChannelResult(channel: channel, destination: destination, error: error.message))
            }
        }
        return results
    }

    /// This machine's name, for greetings and Message-IDs.
    static var hostName: String { ProcessInfo.processInfo.hostName }
}
