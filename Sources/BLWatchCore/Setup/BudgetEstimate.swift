/// How many queries a day each selected zone gets from the targets at a schedule, against the
/// daily limit its list documents (`lists.json` `limits.queriesPerDay`).
///
/// A scan sends each zone one query per (subject, kind it serves) plus its RFC 5782 health probes;
/// TXT queries for listed pairs and retransmissions come on top and are not counted.
public struct BudgetEstimate: Sendable {
    /// Scans a day when neither the config (`scansPerDay`) nor the command line says: hourly.
    public static let defaultScansPerDay = 24
    /// What `scansPerDay` may be: once a day to once a minute.
    public static let scansPerDayRange = 1...1440

    /// One zone's estimate.
    public struct Row: Codable, Sendable, Equatable {
        /// The zone id.
        public var zone: String
        /// (subject, zone) queries in one scan.
        public var pairsPerScan: Int
        /// Health-probe queries in one scan.
        public var healthProbesPerScan: Int
        /// Both.
        public var queriesPerScan: Int
        /// `queriesPerScan` × scans a day.
        public var queriesPerDay: Int
        /// The list's documented daily limit, if it has one.
        public var dailyLimit: Int?

        /// Whether the schedule would take the zone over its daily limit.
        public var isOverLimit: Bool { dailyLimit.map { queriesPerDay > $0 } ?? false }
    }

    /// Scans a day the estimate is for.
    public let scansPerDay: Int
    /// Distinct subjects in the plan.
    public let subjectCount: Int
    /// One row per planned zone, in selection order.
    public let rows: [Row]

    /// Estimates a plan at a schedule.
    /// - Parameters:
    ///   - plan: the targets × the selected zones.
    ///   - scansPerDay: how often the plan runs.
    public init(plan: ScanPlan, scansPerDay: Int) {
        self.scansPerDay = scansPerDay
        subjectCount = plan.subjects.count
        let pairs = plan.pairCountByZone
        let probes = plan.healthProbesByZone
        rows = plan.zones.map { planned in
            let id = planned.zone.id
            let perScan = pairs[id, default: 0] + probes[id, default: 0]
            return Row(
                zone: id,
                pairsPerScan: pairs[id, default: 0],
                healthProbesPerScan: probes[id, default: 0],
                queriesPerScan: perScan,
                queriesPerDay: perScan * scansPerDay,
                dailyLimit: planned.zone.limits?.queriesPerDay
            )
        }
    }

    /// One warning per zone the schedule takes over its daily limit.
    public var warnings: [String] {
        rows.filter(\.isOverLimit).map { row in
            "zone \(row.zone): \(scansPerDay) scans a day of \(row.queriesPerScan) queries need \(row.queriesPerDay) "
                + "a day, over its documented \(row.dailyLimit ?? 0) (lists.json limits.queriesPerDay): scan less "
                + "often (scansPerDay and the timer), monitor fewer addresses there, or use a key"
        }
    }
}
