import Foundation

/// `blwatch status`: open listings, unknown verdicts and the last run, read from the history.
public struct StatusView: Sendable {
    /// The JSON document.
    public struct Document: Codable, Sendable {
        public var lastRun: ScanRunRecord?
        public var lastRunHealth: [ZoneHealthRecord]
        public var listings: [ReportDocuments.Episode]
        public var unknown: [UnknownVerdictRecord]
        /// Alerts in the outbox that no server has accepted yet.
        public var pendingAlerts: Int
        /// Why the oldest of them failed last.
        public var alertError: String?
    }

    /// What the history says.
    public let document: Document
    private let episodes: [ListingRecord]
    private let reasons: [Int64: [ListingReasonRecord]]
    private let catalog: Catalog?

    /// Reads the history.
    /// - Parameters:
    ///   - store: the history.
    ///   - catalog: for zone names and delist pages.
    /// - Throws: ``StoreError``.
    public init(store: HistoryStore, catalog: Catalog? = nil) throws {
        let lastRun = try store.runs(limit: 1).first
        episodes = try store.openListings()
        reasons = try store.reasons(listingIDs: episodes.compactMap(\.id))
        self.catalog = catalog
        document = Document(
            lastRun: lastRun,
            lastRunHealth: try lastRun?.id.map(store.health(runID:)) ?? [],
            listings: episodes.map { [reasons, catalog] episode in
                ReportDocuments.Episode(
                    episode,
                    reasons: episode.id.flatMap { reasons[$0] } ?? [],
                    zone: catalog?.zone(id: episode.zoneId)
                )
            },
            unknown: try store.unknownVerdicts(),
            pendingAlerts: try store.pendingAlertCount(),
            alertError: try store.oldestPendingAlert()?.lastError
        )
    }

    /// 1 with an open listing, 2 with only unknown verdicts, else 0.
    public var status: ExitStatus {
        !document.listings.isEmpty ? .listed : !document.unknown.isEmpty ? .unknown : .clean
    }

    /// The view as text.
    public var text: String {
        var out: [String] = []
        if let run = document.lastRun {
            out.append(
                "last scan: #\(run.id ?? 0) at \(run.startedAt.blwatchText), \(run.subjectCount) subject(s) × \(run.zoneCount) zone(s): "
                    + "\(run.listedCount) listed, \(run.cleanCount) clean, \(run.unknownCount) unknown"
            )
        } else {
            out.append("no scan recorded yet")
        }
        let unhealthy = document.lastRunHealth.filter { $0.state == "unhealthy" }
        if !unhealthy.isEmpty {
            out.append("\nunhealthy zones in the last scan:")
            var table = TextTable(["ZONE", "KIND", "DETAIL"])
            for row in unhealthy { table.append([row.zoneId, row.kind, row.detail ?? ""]) }
            out.append(table.render())
        }
        if document.listings.isEmpty {
            out.append("\nno open listings")
        } else {
            out.append("\nopen listings:")
            var table = TextTable(["SUBJECT", "ZONE", "CODES", "SINCE", "LAST SEEN", "MEANING"])
            for episode in episodes {
                table.append([
                    episode.subject, episode.zoneId, episode.codes, episode.firstSeenAt.blwatchText,
                    episode.lastSeenAt.blwatchText,
                    episode.meanings.split(separator: "\n").first.map(String.init) ?? "",
                ])
            }
            out.append(table.render())
            out.append(contentsOf: EpisodeText.details(episodes, reasons: reasons, catalog: catalog))
        }
        if !document.unknown.isEmpty {
            out.append("\nunknown verdicts (neither listed nor clean):")
            var table = TextTable(["SUBJECT", "ZONE", "SINCE", "CAUSE"])
            for row in document.unknown.prefix(50) {
                table.append([row.subject, row.zoneId, row.since.blwatchText, row.detail])
            }
            out.append(table.render())
            if document.unknown.count > 50 {
                out.append("  … and \(document.unknown.count - 50) more (--json lists all)")
            }
        }
        if document.pendingAlerts > 0 {
            out.append(
                "\n\(AlertComposer.plural(document.pendingAlerts, "alert")) waiting in the outbox"
                    + (document.alertError.map { " (last error: \($0))" } ?? "") + "; the next scan retries"
            )
        }
        return out.joined(separator: "\n")
    }
}
