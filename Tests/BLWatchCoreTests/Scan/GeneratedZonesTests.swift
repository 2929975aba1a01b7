import BLWatchTestSupport
import DNSWire
import Testing

@testable import BLWatchCore

/// Zones generated from a seed, so the expected verdicts come from the generator, not from the
/// test author: whatever the data, every verdict must equal the ground truth.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct GeneratedZonesTests {
    @Test(arguments: [UInt64(7), 1234, 99_991])
    func verdictsMatchTheGeneratorsTruth(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        let v4 = (0..<512).map { Subject.ipv4(IPv4Address(0xC633_6400 + UInt32($0))) }  // 198.51.100.0/23
        let v6 = (0..<128).map { Subject.ipv6(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x100 + UInt64($0))) }
        var zones: [RbldnsdZone] = []
        var entries: [String] = []
        var truth: [String: Set<String>] = [:]
        for zoneIndex in 0..<4 {
            let zone = "gen\(zoneIndex)"
            entries.append(TestCatalog.entry(zone))
            // Two datasets per zone, so some subjects get two A records (multi-code answers).
            for dataset in 0..<2 {
                let code = "127.0.0.\(2 + Int.random(in: 0...9, using: &random))"
                var lines4 = [":\(code):\(zone) $", "127.0.0.2"]
                var lines6 = [":\(code):\(zone) $", "::ffff:7f00:2/128"]
                for subject in v4 where Int.random(in: 0..<100, using: &random) < 4 {
                    lines4.append("\(subject)")
                    truth["\(subject) \(zone)", default: []].insert(code)
                }
                for subject in v6 where Int.random(in: 0..<100, using: &random) < 4 {
                    lines6.append("\(subject)/128")
                    truth["\(subject) \(zone)", default: []].insert(code)
                }
                _ = dataset
                zones.append(RbldnsdZone("\(zone).test", "ip4set", lines4))
                zones.append(RbldnsdZone("\(zone).test", "ip6trie", lines6))
            }
        }
        let catalog = try TestCatalog.catalog(entries)
        try await withRbldnsd(zones) { server in
            let plan = ScanPlan(
                targets: [try Target(parsing: "198.51.100.0/23"), try Target(parsing: "2001:db8::100/121")],
                zones: catalog.zones,
                key: nil
            )
            let resolver = try await StubResolver.open(servers: [server.address])
            let result = await ScanRunner(resolver: resolver, options: .init(maxInFlight: 64, keepClean: true)).run(
                plan
            )
            await resolver.close()
            #expect(result.unknownCount == 0)
            #expect(result.observations.count == (512 + 128) * 4)
            var mismatches: [String] = []
            for observation in result.observations {
                let key = "\(observation.subject) \(observation.zoneID)"
                let got: Set<String>
                if case .listed(let codes) = observation.verdict {
                    got = Set(codes.map(\.code.description))
                } else {
                    got = []
                }
                if got != truth[key, default: []] {
                    mismatches.append("\(key): got \(got), want \(truth[key, default: []])")
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
            #expect(result.listedCount == truth.count)
        }
    }
}
