import Foundation
import GRDB

extension HistoryStore {
    /// Episodes open now or cleared since `date`, oldest first: the feed's timeline.
    func episodes(activeSince date: Date, limit: Int = 5000) throws -> [ListingRecord] {
        do {
            return try writer.read { db in
                try ListingRecord.filter(Column("clearedAt") == nil || Column("clearedAt") >= date)
                    .order(ListingRecord.Columns.firstSeenAt, Column("id")).limit(limit).fetchAll(db)
            }
        } catch {
            throw StoreError.database(path, cannot: "read the history", error)
        }
    }
}
