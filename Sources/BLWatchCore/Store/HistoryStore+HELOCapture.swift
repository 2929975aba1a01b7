import Foundation
import GRDB

/// Greetings captured by `blwatch helo-catch`, in the `heloCapture` table (migration v5-audit).
extension HistoryStore {
    /// Stores one greeting captured by `blwatch helo-catch`.
    /// - Throws: ``StoreError`` `.io`.
    public func saveHELOCapture(_ capture: HELOCapture) throws {
        try write("store the captured HELO") { db in
            try db.execute(
                sql: """
                    INSERT INTO heloCapture (capturedAt, peer, command, argument, mailFrom, isBounce)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    capture.capturedAt, capture.peer, capture.command, capture.argument, capture.mailFrom,
                    capture.isBounce,
                ]
            )
        }
    }

    /// The latest captured greetings, newest first, at most `limit`.
    /// - Throws: ``StoreError`` `.io`.
    public func heloCaptures(limit: Int = 200) throws -> [HELOCapture] {
        try read("captured greetings") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM heloCapture ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                HELOCapture(
                    capturedAt: $0["capturedAt"],
                    peer: $0["peer"],
                    command: $0["command"],
                    argument: $0["argument"],
                    mailFrom: $0["mailFrom"],
                    isBounce: $0["isBounce"]
                )
            }
        }
    }
}
