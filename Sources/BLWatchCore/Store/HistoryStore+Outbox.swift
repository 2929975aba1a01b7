import Foundation
import GRDB

extension HistoryStore {
    /// Undelivered alerts due by `now`, oldest first.
    func dueAlerts(now: Date) throws -> [AlertOutboxRecord] {
        try read("the alert outbox") { db in
            try AlertOutboxRecord.filter(Column("sentAt") == nil && Column("nextAttemptAt") <= now)
                .order(Column("id")).fetchAll(db)
        }
    }

    /// Alerts not delivered yet (the outbox depth).
    public func pendingAlertCount() throws -> Int {
        try read("the alert outbox") { db in try AlertOutboxRecord.filter(Column("sentAt") == nil).fetchCount(db) }
    }

    /// The undelivered alert that has waited longest: its last error says why the outbox is stuck.
    public func oldestPendingAlert() throws -> AlertOutboxRecord? {
        try read("the alert outbox") { db in
            try AlertOutboxRecord.filter(Column("sentAt") == nil).order(Column("id")).fetchOne(db)
        }
    }

    /// Every outbox row, newest first.
    public func alerts(limit: Int = 50) throws -> [AlertOutboxRecord] {
        try read("the alert outbox") { db in try AlertOutboxRecord.order(Column("id").desc).limit(limit).fetchAll(db) }
    }

    /// Records the outcome of one delivery attempt.
    func saveAttempt(_ row: AlertOutboxRecord) throws {
        try write("update the alert outbox") { db in try row.update(db) }
    }

    /// Removes alerts delivered before `date`.
    /// - Returns: how many went.
    @discardableResult
    func pruneAlerts(sentBefore date: Date) throws -> Int {
        return try write("prune the alert outbox") { db in
            try AlertOutboxRecord.filter(Column("sentAt") != nil && Column("sentAt") < date).deleteAll(db)
        }
    }

}
