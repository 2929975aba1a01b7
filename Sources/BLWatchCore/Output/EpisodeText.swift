/// The paragraph under an episode table: per episode, its TXT and why it is listed.
enum EpisodeText {
    /// Lines for the episodes that have a TXT answer or a reason; none for the others.
    static func details(
        _ episodes: [ListingRecord],
        reasons: [Int64: [ListingReasonRecord]],
        catalog: Catalog?
    ) -> [String] {
        var out: [String] = []
        for episode in episodes {
            let zone = catalog?.zone(id: episode.zoneId)
            var lines: [String] = []
            if let txt = episode.txt { lines.append("    TXT: \(txt)") }
            lines += ReasonText.lines(
                episode.id.flatMap { reasons[$0] } ?? [],
                zone: zone,
                subject: episode.subject,
                indent: "    "
            )
            guard !lines.isEmpty else { continue }
            let state = episode.isOpen ? "since \(episode.firstSeenAt.blwatchText)" : "cleared"
            out.append("\n  \(episode.subject) on \(zone?.name ?? episode.zoneId) (\(episode.zoneId)), \(state):")
            out += lines
        }
        return out
    }
}
