import Foundation

/// `blwatch reason TARGET`: the episodes of one subject with everything known about why, from the
/// history; `--refresh` asks the lists again first.
public struct ReasonView: Sendable {
    /// The episodes shown: the open ones, else the latest of each zone.
    public let episodes: [ListingRecord]
    private var reasons: [Int64: [ListingReasonRecord]]
    private let catalog: Catalog
    /// The subject, canonical.
    public let subject: String

    /// Reads the episodes of `target`.
    /// - Parameters:
    ///   - store: the history.
    ///   - catalog: zone names and delist pages.
    ///   - target: an address or domain, in any notation.
    ///   - zoneID: only this zone.
    /// - Throws: ``ConfigError`` for a target that is not an address or domain, ``StoreError``.
    public init(store: HistoryStore, catalog: Catalog, target: String, zoneID: String?) throws {
        guard let subject = Subject(target) else {
            throw ConfigError("\"\(target)\" is neither an IP address nor a domain name")
        }
        self.subject = subject.description
        self.catalog = catalog
        var all = try store.episodes(subject: subject.description)
        if let zoneID { all = all.filter { $0.zoneId == zoneID } }
        let open = all.filter(\.isOpen)
        if open.isEmpty {
            // Newest first already: keep the latest episode of each zone.
            var seen: Set<String> = []
            episodes = all.filter { seen.insert($0.zoneId).inserted }
        } else {
            episodes = open
        }
        reasons = try store.reasons(listingIDs: episodes.compactMap(\.id))
    }

    /// Reads the reasons again after a refresh.
    public mutating func reload(from store: HistoryStore) throws {
        reasons = try store.reasons(listingIDs: episodes.compactMap(\.id))
    }

    /// The view as JSON, page text included.
    public var json: String {
        ReportDocuments.json(
            episodes.map { episode in
                ReportDocuments.Episode(
                    episode,
                    reasons: episode.id.flatMap { reasons[$0] } ?? [],
                    zone: catalog.zone(id: episode.zoneId),
                    withPageText: true
                )
            }
        )
    }

    /// The view as text: every reason sentence, not just the first.
    public var text: String {
        guard !episodes.isEmpty else { return "no listing episodes of \(subject) in the history" }
        var out: [String] = []
        for episode in episodes {
            let zone = catalog.zone(id: episode.zoneId)
            let state =
                episode.isOpen
                ? "listed since \(episode.firstSeenAt.blwatchText)"
                : "cleared \(episode.clearedAt?.blwatchText ?? "")"
            out.append("\(episode.subject) on \(zone?.name ?? episode.zoneId) (\(episode.zoneId)): \(state)")
            for line in episode.meanings.split(separator: "\n") { out.append("  \(line)") }
            if let txt = episode.txt { out.append("  TXT: \(txt)") }
            let rows = episode.id.flatMap { reasons[$0] } ?? []
            if rows.isEmpty, zone?.lookupURL != nil {
                out.append("  why: not fetched yet (the next scan fetches it, or run blwatch reason --refresh)")
            }
            out += ReasonText.lines(rows, zone: zone, subject: episode.subject, indent: "  ", detailed: true)
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}
