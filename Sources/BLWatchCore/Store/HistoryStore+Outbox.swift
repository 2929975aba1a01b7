import Foundation
import GRDB

extension HistoryStore {
    /// Undelivered alerts due by `now`, oldest first.
    func dueAlerts(now: Date) throws -> [AlertOutboxRecord] {
        try outbox { db in
            try AlertOutboxRecord.filter(Column("sentAt") == nil && Column("nextAttemptAt") <= now)
                .order(Column("id")).fetchAll(db)
        }
    }

    /// Alerts not delivered yet (the outbox depth).
    public func pendingAlertCount() throws -> Int {
        try outbox { db in try AlertOutboxRecord.filter(Column("sentAt") == nil).fetchCount(db) }
    }

    /// Every outbox row, newest first.
    public func alerts(limit: Int = 50) throws -> [AlertOutboxRecord] {
        try outbox { db in try AlertOutboxRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// Records the outcome of one delivery attempt.
    func saveAttempt(_ row: AlertOutboxRecord) throws {
        do {
            try writer.write { db in try row.update(db) }
        } catch {
            throw StoreError(.io, "\(path): cannot update the alert outbox: \(Self.describe(error))")
        }
    }

    /// Removes alerts delivered before `date`.
    /// - Returns: how many went.
    @discardableResult
    func pruneAlerts(sentBefore date: Date) throws -> Int {
        do {
            return try writer.write { db in
                try AlertOutboxRecord.filter(Column("sentAt") != nil && Column("sentAt") < date).deleteAll(db)
            }
        } catch {
            throw StoreError(.io, "\(path): cannot prune the alert outbox: \(Self.describe(error))")
        }
    }

    private func outbox<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(.io, "\(path): cannot read the alert outbox: \(Self.describe(error))")
        }
    }
}
