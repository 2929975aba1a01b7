import Testing

@testable import BLWatchCore

/// Daily queries per zone: pairs and health probes, times the scans a day, against the limit.
struct BudgetEstimateTests {
    static func zone(_ id: String, kinds: Set<ZoneKind>, limit: Int?) -> Zone {
        Zone(
            id: id,
            name: id,
            zoneTemplate: "\(id).test",
            kinds: kinds,
            limits: limit.map { Zone.Limits(queriesPerDay: $0, queriesPerSecond: nil, note: nil) }
        )
    }

    static let zones = [
        zone("big", kinds: [.ipv4, .ipv6], limit: 300_000),
        zone("small", kinds: [.ipv4], limit: 200),
        zone("free", kinds: [.ipv4], limit: nil),
        zone("dbl", kinds: [.domain], limit: 300_000),
    ]

    @Test func eightAddressesOnFourZonesHourly() throws {
        let plan = ScanPlan(targets: [try Target(parsing: "192.0.2.0/29")], zones: Self.zones, key: nil)
        let estimate = BudgetEstimate(plan: plan, scansPerDay: 24)
        #expect(estimate.subjectCount == 8)
        // 8 pairs + the two IPv4 test entries; no IPv6 or domain subject, so no probes for those kinds.
        #expect(
            estimate.rows.map {
                "\($0.zone) \($0.pairsPerScan)+\($0.healthProbesPerScan)=\($0.queriesPerScan) \($0.queriesPerDay)"
            }
                == ["big 8+2=10 240", "small 8+2=10 240", "free 8+2=10 240", "dbl 0+0=0 0"]
        )
        #expect(estimate.rows.map(\.isOverLimit) == [false, true, false, false])
        #expect(
            estimate.warnings == [
                "zone small: 24 scans a day of 10 queries need 240 a day, over its documented 200 "
                    + "(lists.json limits.queriesPerDay): scan less often (scansPerDay and the timer), monitor "
                    + "fewer addresses there, or use a key"
            ]
        )
        #expect(BudgetEstimate(plan: plan, scansPerDay: 20).warnings.isEmpty)
    }

    @Test func ipv6AndDomainsCountOnTheZonesThatServeThem() throws {
        let plan = ScanPlan(
            targets: [
                try Target(parsing: "192.0.2.1"), try Target(parsing: "2001:db8::/126"),
                try Target(parsing: "example.com"),
            ],
            zones: Self.zones,
            key: nil
        )
        let rows = BudgetEstimate(plan: plan, scansPerDay: 1440).rows
        #expect(rows.map(\.queriesPerScan) == [1 + 4 + 4, 1 + 2, 1 + 2, 1 + 2])
        #expect(rows.map(\.queriesPerDay) == [12_960, 4_320, 4_320, 4_320])
    }

    @Test(arguments: [
        (240, 300_000, "0.1%"), (150_000, 300_000, "50.0%"), (300_000, 300_000, "100.0%"), (300_001, 300_000, "OVER"),
    ])
    func useIsAShareOfTheLimit(queries: Int, limit: Int, text: String) {
        #expect(BudgetView.use(queries, of: limit) == text)
    }
}
