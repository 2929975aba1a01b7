/// The zone catalog: every DNSBL blwatch knows, loaded from `lists.json`.
public struct Catalog: Sendable {
    /// The zones in file order.
    public var zones: [Zone]
    /// Where the catalog was loaded from, for messages.
    public var source: String

    /// Creates a catalog.
    public init(zones: [Zone], source: String) {
        self.zones = zones
        self.source = source
    }

    /// The zone with this id.
    public func zone(id: String) -> Zone? { zones.first { $0.id == id } }

    /// The zones an operator's selection names, and a warning for every zone left out or doubtful.
    ///
    /// An empty selection means the zones tagged `default`. A selector is a zone id, a tag, or
    /// `all` (every active zone). Defunct zones are never queried: naming one gives a warning,
    /// because a dead zone answers "clean" (emptied) or "listed" (wildcard) for everything.
    /// Keyed zones are queried only when a key is configured.
    /// - Parameters:
    ///   - selectors: ids, tags or `all`.
    ///   - hasKey: whether a DQS key is configured.
    /// - Returns: the zones and the warnings, or the index of the first selector that matches nothing.
    public func select(_ selectors: [String], hasKey: Bool) -> Result<ZoneSelection, UnknownSelector> {
        var chosen: [Zone] = []
        var warnings: [String] = []
        let effective = selectors.isEmpty ? ["default"] : selectors
        for (index, selector) in effective.enumerated() {
            let matches: [Zone]
            if let zone = zone(id: selector) {
                matches = [zone]
                if case .defunct(let since, let note) = zone.status {
                    let when = since.map { " since \($0)" } ?? ""
                    warnings.append("zone \(zone.id) (\(zone.zoneTemplate)) is defunct\(when): \(note); not queried")
                }
            } else if selector == "all" {
                matches = zones
            } else {
                matches = zones.filter { $0.tags.contains(selector) }
                if matches.isEmpty { return .failure(UnknownSelector(index: index, selector: selector)) }
            }
            for zone in matches where !zone.isDefunct && !chosen.contains(where: { $0.id == zone.id }) {
                if zone.access == .key && !hasKey {
                    if matches.count == 1 {
                        warnings.append("zone \(zone.id) needs a key (dqsKey in the config); not queried")
                    }
                    continue
                }
                if zone.access == .registeredResolver {
                    warnings.append(
                        "zone \(zone.id) answers only resolvers registered with the list"
                            + (zone.accessNote.map { " (\($0))" } ?? "")
                    )
                }
                chosen.append(zone)
            }
        }
        return .success(ZoneSelection(zones: chosen, warnings: warnings))
    }
}

/// The zones chosen for a run, with the warnings the choice produced.
public struct ZoneSelection: Sendable {
    /// The zones to query, in selection order.
    public var zones: [Zone]
    /// Human warnings (defunct zone named, key missing, registration needed).
    public var warnings: [String]
}

/// A selector that names neither a zone id nor a tag.
public struct UnknownSelector: Error, Sendable, Equatable {
    /// The selector's index in the list.
    public var index: Int
    /// The selector.
    public var selector: String
}
