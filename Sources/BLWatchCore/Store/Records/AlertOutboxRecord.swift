public import Foundation
public import GRDB

/// One row of `alertOutbox`: the digest of one run for one channel.
///
/// Stored in the transaction that records the run, and marked sent only after the mail server or
/// webhook accepted it; until then every scan retries it, with backoff. The message is rendered
/// when it is sent, from the events and the reasons known by then.
public struct AlertOutboxRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var createdAt: Date
    public var scanRunId: Int64?
    public var channel: AlertChannel
    /// The events, as JSON.
    public var events: String
    public var attempts: Int
    public var nextAttemptAt: Date
    /// Why the last attempt failed.
    public var lastError: String?
    public var sentAt: Date?

    /// The events, decoded; an unreadable row yields none.
    public var decodedEvents: [AlertEvent] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([AlertEvent].self, from: Data(events.utf8))) ?? []
    }

    /// A row for `events`, due at once.
    static func make(events: [AlertEvent], channel: AlertChannel, runID: Int64?, at date: Date) -> AlertOutboxRecord {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(events)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return AlertOutboxRecord(
            createdAt: date,
            scanRunId: runID,
            channel: channel,
            events: json,
            attempts: 0,
            nextAttemptAt: date
        )
    }
}

extension AlertOutboxRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "alertOutbox"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AlertChannel: DatabaseValueConvertible {}
