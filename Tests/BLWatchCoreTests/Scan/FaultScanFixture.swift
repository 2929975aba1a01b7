import BLWatchTestSupport
import DNSWire
import Foundation

@testable import BLWatchCore

/// Zones generated from a seed (the ground truth), and a whole scan of them through a
/// ``HostileDNSServer`` in front of the rbldnsd serving them.
struct FaultScanFixture {
    /// 256 IPv4 and 64 IPv6 subjects.
    static let targets = ["198.51.100.0/24", "2001:db8::100/122"]
    /// Zones in the catalog.
    static let zoneCount = 4
    /// The resolver's timeout per attempt, and its passes over the server list. Two seconds, not one:
    /// these scans run beside each other on two shared cores, and a stall longer than the timeout
    /// turns truly answered queries into timeouts (unknown, never wrong, but not what is measured).
    static let resolverOptions = StubResolver.Options(timeout: .seconds(2), rounds: 3)
    /// Delays of ``DNSFault/delay`` answers, around the timeout: a few come in time, most too late.
    static let delays = 0.5...3.0

    let zones: [RbldnsdZone]
    let catalog: Catalog
    /// Listing codes by `"subject zone"`; pairs absent here are clean.
    let truth: [String: Set<String>]

    /// Generates the zones: every subject is listed on a zone's dataset with a 4 % chance, two
    /// datasets per zone and family (so some pairs have two codes), each with the RFC 5782 test entry.
    init(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let plan = ScanPlan(targets: try Self.targets.map { try Target(parsing: $0) }, zones: [], key: nil)
        var zones: [RbldnsdZone] = []
        var entries: [String] = []
        var truth: [String: Set<String>] = [:]
        for zoneIndex in 0..<Self.zoneCount {
            let zone = "fault\(zoneIndex)"
            entries.append(TestCatalog.entry(zone))
            for _ in 0..<2 {
                let code = "127.0.0.\(2 + Int.random(in: 0...9, using: &random))"
                var lines4 = [":\(code):\(zone) $", "127.0.0.2"]
                var lines6 = [":\(code):\(zone) $", "::ffff:7f00:2/128"]
                for subject in plan.subjects where Int.random(in: 0..<100, using: &random) < 4 {
                    if case .ipv6 = subject { lines6.append("\(subject)/128") } else { lines4.append("\(subject)") }
                    truth["\(subject) \(zone)", default: []].insert(code)
                }
                zones.append(RbldnsdZone("\(zone).test", "ip4set", lines4))
                zones.append(RbldnsdZone("\(zone).test", "ip6trie", lines6))
            }
        }
        self.zones = zones
        self.catalog = try TestCatalog.catalog(entries)
        self.truth = truth
    }

    /// The plan of every subject against every zone.
    func plan() throws -> ScanPlan {
        ScanPlan(targets: try Self.targets.map { try Target(parsing: $0) }, zones: catalog.zones, key: nil)
    }

    /// Scans the plan through a hostile proxy with `hostile` in front of rbldnsd.
    /// - Returns: the proxy's fault counts and the audit of every verdict against the truth.
    func scan(_ hostile: HostileDNSPlan) async throws -> FaultScanAudit {
        let plan = try plan()
        return try await withRbldnsd(zones) { rbldnsd in
            try await withHostileDNSServer(forwardingTo: rbldnsd.address, plan: hostile) { proxy in
                let resolver = try await StubResolver.open(servers: [proxy.address], options: Self.resolverOptions)
                let runner = ScanRunner(resolver: resolver, options: .init(maxInFlight: 64, keepClean: true))
                let started = ContinuousClock.now
                let result = await runner.run(plan)
                let wall = ContinuousClock.now - started
                await resolver.close()
                return FaultScanAudit(result: result, plan: plan, truth: truth, proxy: proxy, wall: wall)
            }
        }
    }

    /// The longest one lookup may take: every pass waits its timeout, and a truncated answer adds a
    /// TCP connect and a TCP exchange, each bounded by the timeout.
    static var lookupWorstCase: Duration { resolverOptions.timeout * 3 * resolverOptions.rounds }

    /// The scan's budget: the health probes and one pair each at worst (A, then TXT), twice over for
    /// the pairs queued behind slow ones, plus a generous margin for a shared two-core machine.
    static var scanBudget: Duration { lookupWorstCase * 5 + .seconds(60) }
}
