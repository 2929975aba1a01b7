public import Foundation

/// Writes the feed and the metrics: after a scan (to the configured paths) and for `blwatch feed`.
public struct FeedJob: Sendable {
    private let settings: RunSettings
    private let store: HistoryStore

    /// Creates the job.
    public init(settings: RunSettings, store: HistoryStore) {
        self.settings = settings
        self.store = store
    }

    /// Checks, before a scan sends any query, that the feed and metrics paths can be written.
    /// - Throws: ``StoreError`` `.io` naming the path.
    public static func preflight(_ settings: RunSettings) throws {
        for path in [settings.feedPath, settings.metricsPath].compactMap({ $0 }) {
            try AtomicFile.checkWritable(path)
        }
    }

    /// The feed as of now.
    /// - Parameter health: the zone health of the scan just run, when there is one.
    /// - Throws: ``ConfigError`` for a bad selection, ``StoreError``.
    /// - Parameter diagnosis: the diagnosis when the caller has made one (a scan has).
    public func document(
        health: [ZoneHealth]? = nil,
        zones: [Zone]? = nil,
        diagnosis: Diagnosis? = nil,
        now: Date = Date()
    ) throws -> FeedDocument {
        let zones = try zones ?? settings.selection().zones
        let scansPerDay = settings.config.scansPerDay ?? BudgetEstimate.defaultScansPerDay
        let diagnosis = try diagnosis ?? AuditJob(settings: settings, store: store).diagnosis()
        return try FeedBuilder(
            store: store,
            zones: zones,
            historyDays: settings.feedHistoryDays,
            scansPerDay: scansPerDay
        )
        .build(now: now, health: health, diagnosis: diagnosis)
    }

    /// Writes the feed to `feed` and the metrics to `metrics`, each atomically, when given.
    /// - Throws: ``StoreError`` `.io` naming the file.
    public func write(_ document: FeedDocument, feed: String?, metrics: String?) throws {
        if let feed { try AtomicFile.write(document.json, to: feed) }
        if let metrics { try AtomicFile.write(MetricsText.render(document), to: metrics) }
    }

    /// The metrics text of `document`.
    public func metricsText(_ document: FeedDocument) -> String { MetricsText.render(document) }

    /// After a scan: the configured feed and metrics, or a warning when they cannot be written (the
    /// scan itself is stored by then).
    func afterScan(health: [ZoneHealth], zones: [Zone], diagnosis: Diagnosis?) -> [String] {
        guard settings.feedPath != nil || settings.metricsPath != nil else { return [] }
        do {
            try write(
                try document(health: health, zones: zones, diagnosis: diagnosis),
                feed: settings.feedPath,
                metrics: settings.metricsPath
            )
            return []
        } catch {
            return ["feed or metrics not written: \(error)"]
        }
    }
}
