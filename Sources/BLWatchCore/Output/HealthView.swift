/// `blwatch lists test`: the health probe result of each selected zone.
public struct HealthView: Sendable {
    private let health: [ZoneHealth]
    private let warnings: [String]

    /// Builds the view.
    public init(health: [ZoneHealth], warnings: [String]) {
        self.health = health
        self.warnings = warnings
    }

    /// The view as JSON.
    public var json: String {
        ReportDocuments.json(
            health.map {
                ReportDocuments.Health($0)
            }
        )
    }

    /// The view as text.
    public var text: String {
        var table = TextTable(["ZONE", "KIND", "STATE", "DETAIL"])
        for row in health {
            table.append([
                row.zoneID, row.kind.rawValue, row.label,
                row.problem?.description
                    ?? (row.untested ? "no RFC 5782 test entries" : "test entries answer as RFC 5782 requires"),
            ])
        }
        var out = table.render(indent: 0)
        if !warnings.isEmpty { out += "\n\nwarnings:\n" + warnings.map { "  - " + $0 }.joined(separator: "\n") }
        return out
    }
}
