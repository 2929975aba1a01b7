import Foundation
import GRDB

extension HistoryStore {
    /// Open episodes on `zoneIDs` that have no row from `source` yet: the ones whose reason is still
    /// to be asked for. Oldest first, so a backlog is worked off in order.
    public func episodesAwaitingReason(from source: ListingReasonRecord.Source, zoneIDs: Set<String>) throws
        -> [ListingRecord]
    {
        guard !zoneIDs.isEmpty else { return [] }
        return try read("listing reasons") { db in
            try ListingRecord.fetchAll(
                db,
                sql: """
                    SELECT listing.* FROM listing
                    WHERE clearedAt IS NULL AND zoneId IN (\(zoneIDs.map { _ in "?" }.joined(separator: ",")))
                    AND NOT EXISTS (
                        SELECT 1 FROM listingReason r WHERE r.listingId = listing.id AND r.source = ?
                    )
                    ORDER BY firstSeenAt, id
                    """,
                arguments: StatementArguments(zoneIDs.sorted() + [source.rawValue])
            )
        }
    }

    /// Stores reasons, replacing an earlier row of the same episode and source, in one transaction.
    /// - Throws: ``StoreError`` `.io`; nothing is stored then.
    public func saveReasons(_ records: [ListingReasonRecord]) throws {
        guard !records.isEmpty else { return }
        try write("store listing reasons") { db in
            for var record in records {
                try db.execute(
                    sql: "DELETE FROM listingReason WHERE listingId = ? AND source = ?",
                    arguments: [record.listingId, record.source.rawValue]
                )
                record.id = nil
                try record.insert(db)
            }
        }
    }

    /// The reasons of these episodes, by episode id, page first.
    public func reasons(listingIDs: [Int64]) throws -> [Int64: [ListingReasonRecord]] {
        guard !listingIDs.isEmpty else { return [:] }
        return try read("listing reasons") { db in
            var byListing: [Int64: [ListingReasonRecord]] = [:]
            // Chunks keep the statement under SQLite's host-parameter limit.
            for chunk in stride(from: 0, to: listingIDs.count, by: 500) {
                let ids = Array(listingIDs[chunk..<min(chunk + 500, listingIDs.count)])
                let rows = try ListingReasonRecord.filter(ids.contains(Column("listingId")))
                    .order(Column("source"))
                    .fetchAll(db)
                for row in rows { byListing[row.listingId, default: []].append(row) }
            }
            return byListing
        }
    }

    /// The reasons of every open episode, by ``ListingReasonRecord/key(subject:zoneID:)``.
    ///
    /// One join, so only episodes that have a reason are read: a /16 with 13,000 open listings and
    /// no lookup pages costs nothing here.
    public func reasonsOfOpenListings() throws -> [String: [ListingReasonRecord]] {
        try read("listing reasons") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.*, l.subject AS episodeSubject, l.zoneId AS episodeZone
                    FROM listingReason r JOIN listing l ON l.id = r.listingId
                    WHERE l.clearedAt IS NULL ORDER BY r.source
                    """
            )
            var byKey: [String: [ListingReasonRecord]] = [:]
            for row in rows {
                let key = ListingReasonRecord.key(subject: row["episodeSubject"], zoneID: row["episodeZone"])
                byKey[key, default: []].append(try ListingReasonRecord(row: row))
            }
            return byKey
        }
    }

}
