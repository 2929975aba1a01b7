/// `blwatch lists`: every zone of the catalog and whether the current selection queries it.
public struct CatalogView: Sendable {
    /// One zone as JSON.
    public struct Row: Codable, Sendable {
        public var id: String
        public var name: String
        public var zone: String
        public var kinds: [String]
        public var access: String
        public var status: String
        public var tags: [String]
        public var selected: Bool
    }

    private let rows: [Row]
    private let warnings: [String]
    private let source: String

    /// Builds the view.
    public init(catalog: Catalog, selected: ZoneSelection) {
        let chosen = Set(selected.zones.map(\.id))
        rows = catalog.zones.map { zone in
            let status: String
            if case .defunct(let since, _) = zone.status {
                status = "defunct" + (since.map { " \($0)" } ?? "")
            } else {
                status = "active"
            }
            return Row(
                id: zone.id,
                name: zone.name,
                zone: zone.zoneTemplate,
                kinds: zone.kinds.sorted().map(\.rawValue),
                access: zone.access.rawValue,
                status: status,
                tags: zone.tags.sorted(),
                selected: chosen.contains(zone.id)
            )
        }
        warnings = selected.warnings
        source = catalog.source
    }

    /// The view as JSON.
    public var json: String { ReportDocuments.json(rows) }

    /// The view as text.
    public var text: String {
        var table = TextTable(["", "ID", "ZONE", "KINDS", "ACCESS", "STATUS", "TAGS"])
        for row in rows {
            table.append([
                row.selected ? "*" : "", row.id, row.zone, row.kinds.joined(separator: ","), row.access, row.status,
                row.tags.joined(separator: ","),
            ])
        }
        var out = "catalog: \(source) (\(rows.count) zones, * = selected)\n" + table.render(indent: 0)
        if !warnings.isEmpty { out += "\n\nwarnings:\n" + warnings.map { "  - " + $0 }.joined(separator: "\n") }
        return out
    }
}
