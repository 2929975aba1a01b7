import GRDB

extension HistoryStore {
    /// The schema as a frozen timeline: a shipped migration is never edited; changes go in a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-createHistory") { db in
            try db.create(table: "scanRun") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("startedAt", .datetime).notNull()
                t.column("finishedAt", .datetime).notNull()
                t.column("servers", .text).notNull()
                t.column("subjectCount", .integer).notNull()
                t.column("zoneCount", .integer).notNull()
                t.column("queryCount", .integer).notNull()
                t.column("listedCount", .integer).notNull()
                t.column("cleanCount", .integer).notNull()
                t.column("unknownCount", .integer).notNull()
                t.column("openedCount", .integer).notNull()
                t.column("clearedCount", .integer).notNull()
                t.column("exitStatus", .integer).notNull()
            }
            try db.create(table: "zoneHealth") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("scanRun", onDelete: .cascade).notNull()
                t.column("zoneId", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("state", .text).notNull()
                t.column("problem", .text)
                t.column("detail", .text)
            }
            try db.create(table: "listing") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subject", .text).notNull()
                t.column("zoneId", .text).notNull()
                t.column("codes", .text).notNull()
                t.column("meanings", .text).notNull()
                t.column("txt", .text)
                t.column("firstSeenAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("clearedAt", .datetime)
                t.column("openedRunId", .integer).notNull().references("scanRun")
                t.column("lastSeenRunId", .integer).notNull().references("scanRun")
                t.column("clearedRunId", .integer).references("scanRun")
            }
            // One open episode per (subject, zone): SQLite enforces it, not our code.
            try db.create(
                index: "listing_open",
                on: "listing",
                columns: ["subject", "zoneId"],
                unique: true,
                condition: Column("clearedAt") == nil
            )
            try db.create(index: "listing_subject", on: "listing", columns: ["subject", "firstSeenAt"])
            try db.create(table: "unknownVerdict") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subject", .text).notNull()
                t.column("zoneId", .text).notNull()
                t.column("cause", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("since", .datetime).notNull()
                t.column("lastRunId", .integer).notNull().references("scanRun")
                t.uniqueKey(["subject", "zoneId"])
            }
        }
        migrator.registerMigration("v2-zoneUsage") { db in
            // Queries sent per zone per UTC day, for the lists' daily budgets.
            try db.create(table: "zoneUsage") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("day", .text).notNull()
                t.column("zoneId", .text).notNull()
                t.column("queries", .integer).notNull()
                t.uniqueKey(["day", "zoneId"])
            }
        }
        migrator.registerMigration("v3-listingReason") { db in
            // Why an episode is listed, one row per source; removed with its episode.
            try db.create(table: "listingReason") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("listing", onDelete: .cascade).notNull()
                t.column("source", .text).notNull()
                t.column("url", .text).notNull()
                t.column("httpStatus", .integer)
                t.column("fetchedAt", .datetime).notNull()
                t.column("unavailable", .text)
                t.column("extract", .text)
                t.column("codes", .text)
                t.column("pageText", .text)
                t.uniqueKey(["listingId", "source"])
            }
        }
        migrator.registerMigration("v4-alerts") { db in
            // Alerting state of an episode: sightings until `alerts.confirm` is reached, then the run
            // that raised its alert. Episodes recorded before alerts existed count as alerted.
            try db.alter(table: "listing") { t in
                t.add(column: "sightings", .integer).notNull().defaults(to: 1)
                t.add(column: "alertedRunId", .integer).references("scanRun")
            }
            try db.execute(sql: "UPDATE listing SET alertedRunId = openedRunId")
            // What was wrong with the resolver in a run (nil: nothing), to alert on changes only.
            try db.alter(table: "scanRun") { t in t.add(column: "resolverProblem", .text) }
            // The outbox: an alert is stored with its run, and marked sent only once a server took it.
            try db.create(table: "alertOutbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.belongsTo("scanRun", onDelete: .cascade)
                t.column("channel", .text).notNull()
                t.column("events", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("lastError", .text)
                t.column("sentAt", .datetime)
            }
            try db.create(index: "alertOutbox_due", on: "alertOutbox", columns: ["sentAt", "nextAttemptAt"])
        }
        migrator.registerMigration("v5-audit") { db in
            // HELO audit findings, one row per (source, kind, subject) while it holds: first and last
            // seen, and when a later audit of the same subject no longer found it.
            try db.create(table: "auditFinding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("title", .text).notNull()
                t.column("evidence", .text).notNull()
                t.column("fix", .text).notNull()
                t.column("firstSeenAt", .datetime).notNull()
                t.column("lastSeenAt", .datetime).notNull()
                t.column("resolvedAt", .datetime)
            }
            try db.create(
                index: "auditFinding_open",
                on: "auditFinding",
                columns: ["source", "kind", "subject"],
                unique: true,
                condition: Column("resolvedAt") == nil
            )
            // Greetings recorded by `blwatch helo-catch`: what HELO each kind of mail leaves with.
            try db.create(table: "heloCapture") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("capturedAt", .datetime).notNull()
                t.column("peer", .text).notNull()
                t.column("command", .text).notNull()
                t.column("argument", .text).notNull()
                t.column("mailFrom", .text)
                t.column("isBounce", .boolean).notNull()
            }
        }
        return migrator
    }
}
