import Foundation

/// One question to one source: why is this episode listed?
public struct ReasonRequest: Sendable {
    /// The episode; its `id` is set (it comes from the history).
    public var episode: ListingRecord
    /// The episode's zone.
    public var zone: Zone
    /// Who is asked.
    public var source: ListingReasonRecord.Source
    /// What is fetched: the lookup page, or the WQS lookup (which carries no key: that goes in a header).
    public var url: String

    /// The host asked, which the per-host limit counts by.
    public var host: String { Self.host(of: url) }

    /// The `host[:port]` of `url`, lower-cased, without credentials; the text itself when it has no scheme.
    static func host(of url: String) -> String {
        guard let start = url.range(of: "://")?.upperBound else { return url }
        let authority = url[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(authority.split(separator: "@").last ?? authority).lowercased()
    }

    /// The requests that the history's episodes need: the lookup page of every zone that has one
    /// (when pages are fetched), and the WQS lookup of every zone WQS knows (when there is a key).
    /// - Parameters:
    ///   - episodes: episodes of the history, keyed by source.
    ///   - catalog: where the zones' URLs come from; episodes of zones no longer in it are skipped.
    ///   - settings: the `reasons:` settings.
    ///   - hasKey: whether a DQS key is configured.
    public static func requests(
        pages: [ListingRecord],
        wqs: [ListingRecord],
        catalog: Catalog,
        settings: ReasonSettings,
        hasKey: Bool
    ) -> [ReasonRequest] {
        var requests: [ReasonRequest] = []
        if settings.fetchPages {
            for episode in pages {
                guard let zone = catalog.zone(id: episode.zoneId), let template = zone.lookupURL else { continue }
                let url = template.replacing("{target}", with: episode.subject)
                requests.append(ReasonRequest(episode: episode, zone: zone, source: .page, url: url))
            }
        }
        if hasKey {
            for episode in wqs {
                guard let zone = catalog.zone(id: episode.zoneId), let dataset = zone.wqsDataset else { continue }
                let url = "\(settings.wqsURL)/\(dataset)/\(episode.subject)"
                requests.append(ReasonRequest(episode: episode, zone: zone, source: .wqs, url: url))
            }
        }
        return requests
    }

    /// The zones that can have a reason from `source`.
    public static func zoneIDs(
        for source: ListingReasonRecord.Source,
        catalog: Catalog,
        settings: ReasonSettings,
        hasKey: Bool
    ) -> Set<String> {
        switch source {
        case .page: settings.fetchPages ? Set(catalog.zones.filter { $0.lookupURL != nil }.map(\.id)) : []
        case .wqs: hasKey ? Set(catalog.zones.filter { $0.wqsDataset != nil }.map(\.id)) : []
        }
    }
}
