import Foundation

/// `blwatch history`: listing episodes (optionally of one subject) or the run log.
public struct HistoryView: Sendable {
    private let episodes: [ListingRecord]
    private let reasons: [Int64: [ListingReasonRecord]]
    private let runs: [ScanRunRecord]
    private let showRuns: Bool
    private let catalog: Catalog?

    /// Reads the history.
    /// - Parameters:
    ///   - store: the history.
    ///   - target: only this subject (any notation; IPv6 is canonicalised).
    ///   - runs: show runs instead of episodes.
    ///   - limit: rows at most.
    ///   - catalog: for delist pages.
    /// - Throws: ``StoreError``.
    public init(store: HistoryStore, target: String?, runs: Bool, limit: Int, catalog: Catalog? = nil) throws {
        showRuns = runs
        self.catalog = catalog
        let subject = target.map { Subject($0)?.description ?? $0 }
        episodes = runs ? [] : try store.episodes(subject: subject, limit: limit)
        reasons = try store.reasons(listingIDs: episodes.compactMap(\.id))
        self.runs = runs ? try store.runs(limit: limit) : []
    }

    /// The view as JSON.
    public var json: String {
        if showRuns { return ReportDocuments.json(runs) }
        return ReportDocuments.json(
            episodes.map { episode in
                ReportDocuments.Episode(
                    episode,
                    reasons: episode.id.flatMap { reasons[$0] } ?? [],
                    zone: catalog?.zone(id: episode.zoneId)
                )
            }
        )
    }

    /// The view as text.
    public var text: String {
        if showRuns {
            guard !runs.isEmpty else { return "no scan recorded yet" }
            var table = TextTable([
                "RUN", "STARTED", "SECONDS", "SUBJECTS", "ZONES", "LISTED", "CLEAN", "UNKNOWN", "NEW", "CLEARED",
            ])
            for run in runs {
                table.append([
                    "#\(run.id ?? 0)", run.startedAt.blwatchText,
                    String(format: "%.2f", run.finishedAt.timeIntervalSince(run.startedAt)),
                    "\(run.subjectCount)", "\(run.zoneCount)", "\(run.listedCount)", "\(run.cleanCount)",
                    "\(run.unknownCount)",
                    "\(run.openedCount)", "\(run.clearedCount)",
                ])
            }
            return table.render(indent: 0)
        }
        guard !episodes.isEmpty else { return "no listing episodes recorded" }
        var table = TextTable(["SUBJECT", "ZONE", "CODES", "FIRST SEEN", "LAST SEEN", "CLEARED"])
        for episode in episodes {
            table.append([
                episode.subject, episode.zoneId, episode.codes, episode.firstSeenAt.blwatchText,
                episode.lastSeenAt.blwatchText,
                episode.clearedAt?.blwatchText ?? "open",
            ])
        }
        let details = EpisodeText.details(episodes, reasons: reasons, catalog: catalog)
        return ([table.render(indent: 0)] + details).joined(separator: "\n")
    }
}
