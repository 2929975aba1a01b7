import Foundation

/// Reason capture against the history: after a scan, for the open episodes that have none yet; and
/// `blwatch reason TARGET`, which shows them or, with `--refresh`, asks the sources again.
public struct ReasonJob: Sendable {
    /// What a pass did.
    public struct Outcome: Sendable {
        /// Rows stored.
        public var stored = 0
        /// Requests left for a later run.
        public var deferred = 0
        /// Warnings for the operator.
        public var warnings: [String] = []
    }

    private let settings: RunSettings
    private let store: HistoryStore

    /// Creates the job.
    public init(settings: RunSettings, store: HistoryStore) {
        self.settings = settings
        self.store = store
    }

    private var reasonSettings: ReasonSettings { settings.config.reasons }
    private var hasKey: Bool { settings.config.dqsKey != nil }

    /// Asks for the reasons of open episodes that have none from a source yet.
    ///
    /// Never throws: a store failure here is a warning, because the scan itself is already stored.
    public func fillMissing() async -> Outcome {
        do {
            let catalog = settings.catalog
            let pages = try store.episodesAwaitingReason(
                from: .page,
                zoneIDs: ReasonRequest.zoneIDs(for: .page, catalog: catalog, settings: reasonSettings, hasKey: hasKey)
            )
            let wqs = try store.episodesAwaitingReason(
                from: .wqs,
                zoneIDs: ReasonRequest.zoneIDs(for: .wqs, catalog: catalog, settings: reasonSettings, hasKey: hasKey)
            )
            let requests = ReasonRequest.requests(
                pages: pages,
                wqs: wqs,
                catalog: catalog,
                settings: reasonSettings,
                hasKey: hasKey
            )
            return try await collect(requests, perHostLimit: nil)
        } catch {
            return Outcome(warnings: ["listing reasons not updated: \(error)"])
        }
    }

    /// Asks every source again for `episodes`, replacing what is stored (`blwatch reason --refresh`).
    /// - Throws: ``StoreError`` when the reasons cannot be stored.
    public func refresh(_ episodes: [ListingRecord]) async throws -> Outcome {
        let requests = ReasonRequest.requests(
            pages: episodes,
            wqs: episodes,
            catalog: settings.catalog,
            settings: reasonSettings,
            hasKey: hasKey
        )
        // The operator asked for exactly these: the per-host limit does not apply, the pause does.
        return try await collect(requests, perHostLimit: .max)
    }

    private func collect(_ requests: [ReasonRequest], perHostLimit: Int?) async throws -> Outcome {
        guard !requests.isEmpty else { return Outcome() }
        let collector = ReasonCollector(settings: reasonSettings, dqsKey: settings.config.dqsKey)
        let outcome = await collector.collect(requests, perHostLimit: perHostLimit)
        try store.saveReasons(outcome.records)
        return Outcome(stored: outcome.records.count, deferred: outcome.deferred, warnings: outcome.warnings)
    }
}
