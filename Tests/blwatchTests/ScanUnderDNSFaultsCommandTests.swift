import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `blwatch scan`, the built binary, through a hostile DNS proxy in front of rbldnsd: whatever the
/// path does to the queries, the report holds no false listing, and every listed pair of the truth
/// is reported listed or unknown, never left out as clean.
@Suite(.enabled(if: Tool.required("rbldnsd")), .timeLimit(.minutes(3)))
struct ScanUnderDNSFaultsCommandTests {
    /// Listed subjects per zone: 198.51.100.x for these x.
    static let listed = ["hx": [3, 17, 42, 77, 100, 128, 200, 255], "hy": [5, 17, 64, 99, 150, 201, 254]]

    static let zones = listed.map { zone, hosts in
        RbldnsdZone("\(zone).test", "ip4set", [":127.0.0.4:\(zone) $", "127.0.0.2"] + hosts.map { "198.51.100.\($0)" })
    }

    static let catalog = """
        {"version": 1, "zones": [
          {"id": "hx", "name": "Hostile X", "zone": "hx.test", "kinds": ["ipv4"], "txt": true,
           "codes": {"127.0.0.4": {"kind": "listing", "category": "exploit", "severity": "high", "meaning": "x"}},
           "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},
          {"id": "hy", "name": "Hostile Y", "zone": "hy.test", "kinds": ["ipv4"], "txt": true,
           "codes": {"127.0.0.4": {"kind": "listing", "category": "exploit", "severity": "high", "meaning": "y"}},
           "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
        ]}
        """

    @Test func reportThroughAHostileResolverHasNoFalseVerdict() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let lists = try directory.write("lists.json", Self.catalog)
        let faults = DNSFault.allCases.filter { $0 != .none }
        let plan = HostileDNSPlan(
            seed: 42,
            shares: HostileDNSPlan.evenly(faults, total: 0.3),
            tcpShares: [.close: 0.2, .garbage: 0.2],
            delay: 0.5...3.0
        )
        try await withRbldnsd(Self.zones) { rbldnsd in
            try await withHostileDNSServer(forwardingTo: rbldnsd.address, plan: plan) { proxy in
                let started = ContinuousClock.now
                let run = try await CommandRun.blwatch([
                    "scan", "--ip", "198.51.100.0/24", "--list", "hx", "--list", "hy", "--json", "--lists", lists,
                    "--db", directory.file("state/blwatch.sqlite"), "--server", proxy.address.description,
                    "--timeout", "2",
                ])
                print(
                    "blwatch scan through the hostile proxy: status \(run.status) in \(ContinuousClock.now - started); \(proxy.summary)"
                )
                #expect([1, 2].contains(run.status), "\(run.stderr)")
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .iso8601
                let report = try decoder.decode(ReportDocuments.Scan.self, from: Data(run.stdout.utf8))
                print("listed \(report.listed), clean \(report.clean), unknown \(report.unknown)")
                #expect(report.listed + report.clean + report.unknown == 512)
                let truth = Set(Self.listed.flatMap { zone, hosts in hosts.map { "198.51.100.\($0) \(zone)" } })
                var reported: Set<String> = []
                for verdict in report.verdicts {
                    let key = "\(verdict.subject) \(verdict.zone)"
                    reported.insert(key)
                    switch verdict.verdict {
                    case "listed":
                        #expect(truth.contains(key), "false listing \(key)")
                        #expect(verdict.codes?.map(\.code) == ["127.0.0.4"], "\(key)")
                        #expect(verdict.txt == nil || verdict.txt == "\(verdict.zone) \(verdict.subject)", "\(key)")
                    default:
                        #expect(verdict.verdict == "unknown" && verdict.cause != nil, "\(key): \(verdict)")
                    }
                }
                #expect(truth.subtracting(reported).isEmpty, "listed pairs reported clean")
                // A zone that failed its health probes is all unknown, correctly; elsewhere retries win.
                let healthy = Set(report.health.filter { $0.problem == nil }.map(\.zone))
                let unknownWhereHealthy = report.verdicts.filter {
                    $0.verdict == "unknown" && healthy.contains($0.zone)
                }
                print("healthy zones \(healthy.sorted()), unknown there \(unknownWhereHealthy.count)")
                // Alone, about 10 of 256 stay unknown; with the whole suite on two cores, client
                // timeouts on true answers took it to 194 once, so only "retries help" is checked here
                // (the recovery share itself is measured in ScanUnderDNSFaultsTests).
                #expect(
                    unknownWhereHealthy.count < healthy.count * 256,
                    "some pairs of healthy zones get a verdict"
                )
                #expect((proxy.faultCounts.values.reduce(0, +) - (proxy.faultCounts[.none] ?? 0)) > 50)
            }
        }
    }
}
