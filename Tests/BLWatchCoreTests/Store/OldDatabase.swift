import BLWatchTestSupport
import Foundation
import GRDB

@testable import BLWatchCore

/// A database file as an older blwatch left it: migrated up to `migration`, with one scan that
/// opened one episode (192.0.2.1 on zen), for testing the migrations that follow.
enum OldDatabase {
    static func make(upTo migration: String, in directory: TemporaryDirectory, subject: String = "192.0.2.1") throws
        -> String
    {
        let path = directory.file("old-\(migration).sqlite")
        let queue = try DatabaseQueue(path: path)
        try HistoryStore.migrator.migrate(queue, upTo: migration)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO scanRun (startedAt, finishedAt, servers, subjectCount, zoneCount, queryCount,
                      listedCount, cleanCount, unknownCount, openedCount, clearedCount, exitStatus)
                    VALUES ('2026-11-28 10:00:00', '2026-11-28 10:00:01', '127.0.0.1:53', 1, 1, 1, 1, 0, 0, 1, 0, 1);
                    INSERT INTO listing (subject, zoneId, codes, meanings, firstSeenAt, lastSeenAt, openedRunId, lastSeenRunId)
                    VALUES (?, 'zen', '127.0.0.4', '127.0.0.4: XBL', '2026-11-28 10:00:00', '2026-11-28 10:00:00', 1, 1);
                    """,
                arguments: [subject]
            )
        }
        try queue.close()
        return path
    }
}
