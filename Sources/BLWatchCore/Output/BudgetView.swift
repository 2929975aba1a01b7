/// `blwatch lists budget`: each selected zone's daily queries at the schedule, against its limit.
public struct BudgetView: Sendable {
    /// The JSON document.
    public struct Document: Codable, Sendable {
        public var scansPerDay: Int
        /// Where the schedule came from: `command line`, `config` or `default`.
        public var scansPerDaySource: String
        public var subjects: Int
        public var queriesPerDay: Int
        public var zones: [BudgetEstimate.Row]
        public var warnings: [String]
    }

    /// What the view shows.
    public let document: Document

    /// Builds the view.
    /// - Parameters:
    ///   - estimate: the estimate.
    ///   - scheduleSource: `command line`, `config` or `default`.
    ///   - warnings: selection warnings to show with the estimate's own.
    public init(estimate: BudgetEstimate, scheduleSource: String, warnings: [String]) {
        document = Document(
            scansPerDay: estimate.scansPerDay,
            scansPerDaySource: scheduleSource,
            subjects: estimate.subjectCount,
            queriesPerDay: estimate.rows.reduce(0) { $0 + $1.queriesPerDay },
            zones: estimate.rows,
            warnings: warnings + estimate.warnings
        )
    }

    /// The view as JSON.
    public var json: String { ReportDocuments.json(document) }

    /// The view as text.
    public var text: String {
        var out = [
            "schedule: \(document.scansPerDay) scans a day (\(document.scansPerDaySource))",
            "subjects: \(document.subjects)",
            "",
        ]
        var table = TextTable(["ZONE", "PAIRS", "PROBES", "PER SCAN", "PER DAY", "DAILY LIMIT", "USE"])
        for row in document.zones {
            table.append([
                row.zone, String(row.pairsPerScan), String(row.healthProbesPerScan), String(row.queriesPerScan),
                String(row.queriesPerDay), row.dailyLimit.map(String.init) ?? "-",
                row.dailyLimit.map { Self.use(row.queriesPerDay, of: $0) } ?? "-",
            ])
        }
        out.append(table.render(indent: 0))
        out.append(
            "\nper day: \(document.queriesPerDay) queries on \(document.zones.count) zone(s); "
                + "TXT queries for listings and retries come on top"
        )
        if !document.warnings.isEmpty {
            out.append("\nwarnings:\n" + document.warnings.map { "  - " + $0 }.joined(separator: "\n"))
        }
        return out.joined(separator: "\n")
    }

    /// `queries` as a share of `limit`, to a tenth of a percent; `OVER` beyond it.
    static func use(_ queries: Int, of limit: Int) -> String {
        guard limit > 0, queries <= limit else { return "OVER" }
        let tenths = (queries * 1000 + limit / 2) / limit
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
