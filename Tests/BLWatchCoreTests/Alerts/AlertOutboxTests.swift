import Foundation
import GRDB
import Testing

@testable import BLWatchCore

/// The outbox keeps undelivered alerts, spaces out retries, and forgets delivered ones in time.
struct AlertOutboxTests {
    @Test func retriesComeAtOnceThenFurtherApart() {
        #expect(AlertDispatcher.backoff(attempts: 1) == 0)
        #expect(AlertDispatcher.backoff(attempts: 2) == 60)
        #expect(AlertDispatcher.backoff(attempts: 4) == 240)
        #expect(AlertDispatcher.backoff(attempts: 30) == 6 * 3600)
    }

    @Test func onlyDueUndeliveredAlertsAreSentAndOldDeliveredOnesArePruned() throws {
        let store = try HistoryStore()
        let now = Date()
        let event = AlertEvent(kind: .test, title: "t")
        var due = AlertOutboxRecord.make(events: [event], channel: .email, runID: nil, at: now.addingTimeInterval(-10))
        var later = AlertOutboxRecord.make(events: [event], channel: .email, runID: nil, at: now)
        later.nextAttemptAt = now.addingTimeInterval(600)
        var oldSent = AlertOutboxRecord.make(events: [event], channel: .webhook, runID: nil, at: now)
        oldSent.sentAt = now.addingTimeInterval(-40 * 86_400)
        var recentSent = oldSent
        recentSent.sentAt = now.addingTimeInterval(-86_400)
        try store.writer.write { db in
            try due.insert(db)
            try later.insert(db)
            try oldSent.insert(db)
            try recentSent.insert(db)
        }
        #expect(try store.dueAlerts(now: now).map(\.id) == [due.id])
        #expect(try store.pendingAlertCount() == 2)
        #expect(try store.oldestPendingAlert()?.id == due.id)
        #expect(try store.pruneAlerts(sentBefore: now.addingTimeInterval(-30 * 86_400)) == 1)
        #expect(try store.alerts().compactMap(\.id).sorted() == [due.id, later.id, recentSent.id].compactMap { $0 })
        #expect(due.decodedEvents == [event])
    }

    @Test func messageIDsAreStableAcrossRetries() throws {
        var row = AlertOutboxRecord.make(events: [], channel: .email, runID: 4, at: Date(timeIntervalSince1970: 1000))
        row.id = 9
        let dispatcher = AlertDispatcher(settings: AlertSettings(), store: try HistoryStore(), host: "mx.example.net")
        #expect(dispatcher.messageID(row) == "<blwatch.4.9.1000@mx.example.net>")
        row.attempts = 3
        #expect(dispatcher.messageID(row) == "<blwatch.4.9.1000@mx.example.net>")
    }
}
