import BLWatchTestSupport
import DNSWire
import Testing

@testable import BLWatchCore

/// Whole scans against a real rbldnsd: every verdict kind, health failures, multi-code answers.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct ScanAgainstRbldnsdTests {
    static let zones: [RbldnsdZone] = [
        RbldnsdZone(
            "zen.test",
            "ip4set",
            [":127.0.0.2:Listed, see https://lookup.test/?ip=$", "127.0.0.2", "192.0.2.10", "198.51.100.3"]
        ),
        RbldnsdZone(
            "zen.test",
            "ip4set",
            [":127.0.0.4:XBL https://lookup.test/?ip=$", "127.0.0.2", "192.0.2.1", "192.0.2.10"]
        ),
        RbldnsdZone(
            "zen.test",
            "ip6trie",
            [":127.0.0.2:v6 listed $", "::ffff:7f00:2/128", "2001:db8::25/128 :127.0.0.3:css $"]
        ),
        RbldnsdZone("dom.test", "dnset", [":127.0.1.2:domain listed $", "test", "bad.example"]),
        // rbldnsd rejects /0, so two /1 ranges list the whole IPv4 space, as an expired wildcard domain would.
        RbldnsdZone("dead.test", "ip4set", [":127.0.0.2:everything", "0.0.0.0/1", "128.0.0.0/1"]),
        RbldnsdZone("refusing.test", "ip4set", [":127.255.255.254:open resolver", "0.0.0.0/1", "128.0.0.0/1"]),
        RbldnsdZone("empty.test", "ip4set", [":127.0.0.2:x", "203.0.113.200"]),
    ]

    static func catalog() throws -> Catalog {
        try TestCatalog.catalog([
            TestCatalog.entry("zen", codes: TestCatalog.zenCodes),
            TestCatalog.entry(
                "dom",
                kinds: ["domain"],
                codes:
                    "\"127.0.1.2\": {\"kind\": \"listing\", \"category\": \"spam\", \"severity\": \"high\", \"meaning\": \"spam domain\"}"
            ),
            TestCatalog.entry("dead", kinds: ["ipv4"]),
            TestCatalog.entry("refusing", kinds: ["ipv4"], codes: TestCatalog.zenCodes),
            TestCatalog.entry("empty", kinds: ["ipv4"]),
        ])
    }

    static let targets = [
        "192.0.2.1", "192.0.2.10", "192.0.2.99", "198.51.100.0/29", "2001:DB8::25", "2001:db8::26", "bad.example",
        "good.example",
    ]

    func scan(_ server: RbldnsdServer) async throws -> (ScanResult, [String: Observation]) {
        let catalog = try Self.catalog()
        let plan = ScanPlan(targets: try Self.targets.map { try Target(parsing: $0) }, zones: catalog.zones, key: nil)
        let resolver = try await StubResolver.open(servers: [server.address], options: .init(timeout: .seconds(1)))
        let result = await ScanRunner(resolver: resolver, options: .init(maxInFlight: 64, keepClean: true)).run(plan)
        await resolver.close()
        var byPair: [String: Observation] = [:]
        for observation in result.observations { byPair["\(observation.subject) \(observation.zoneID)"] = observation }
        return (result, byPair)
    }

    @Test func verdictsForEveryKindOfSubject() async throws {
        try await withRbldnsd(Self.zones) { server in
            let (result, verdicts) = try await scan(server)
            func codes(_ key: String) -> [String]? {
                guard case .listed(let codes)? = verdicts[key]?.verdict else { return nil }
                return codes.map(\.code.description)
            }
            #expect(codes("192.0.2.1 zen") == ["127.0.0.4"])
            #expect(verdicts["192.0.2.1 zen"]?.txt == "XBL https://lookup.test/?ip=192.0.2.1")
            #expect(codes("192.0.2.10 zen") == ["127.0.0.2", "127.0.0.4"])
            #expect(verdicts["192.0.2.99 zen"]?.verdict == .clean)
            #expect(codes("198.51.100.3 zen") == ["127.0.0.2"])
            for host in [0, 1, 2, 4, 5, 6, 7] { #expect(verdicts["198.51.100.\(host) zen"]?.verdict == .clean) }
            #expect(codes("2001:db8::25 zen") == ["127.0.0.3"])
            #expect(verdicts["2001:db8::25 zen"]?.txt == "css 2001:db8::25")
            #expect(verdicts["2001:db8::26 zen"]?.verdict == .clean)
            #expect(codes("bad.example dom") == ["127.0.1.2"])
            #expect(verdicts["good.example dom"]?.verdict == .clean)
            // 8 IPv4 from the range + 3 singles, 2 IPv6, 2 domains.
            #expect(
                result.health.filter(\.isHealthy).map { "\($0.zoneID)/\($0.kind)" } == [
                    "zen/ipv4", "zen/ipv6", "dom/domain",
                ]
            )
        }
    }

    @Test func deadRefusingAndEmptiedZonesGiveOnlyUnknown() async throws {
        try await withRbldnsd(Self.zones) { server in
            let (result, verdicts) = try await scan(server)
            let problems = Dictionary(uniqueKeysWithValues: result.unhealthy.map { ($0.zoneID, $0.problem!.token) })
            #expect(problems == ["dead": "listsEverything", "refusing": "refused", "empty": "testEntryMissing"])
            for zone in ["dead", "refusing", "empty"] {
                let mine = verdicts.values.filter { $0.zoneID == zone }
                #expect(mine.count == 11)
                #expect(mine.allSatisfy { if case .unknown(.zoneUnhealthy) = $0.verdict { true } else { false } })
            }
            #expect(ScanReport.resolverWarnings(health: result.health, servers: result.servers).count == 1)
            #expect(
                ScanReport.resolverWarnings(health: result.health, servers: result.servers).first?.contains(
                    "own recursive resolver"
                ) == true
            )
            #expect(result.listedCount == 5)
            #expect(result.unknownCount == 33)
            #expect(result.status == .listed)
        }
    }

    @Test func deadServerMakesEveryVerdictUnknown() async throws {
        try await withRbldnsd(Self.zones) { server in
            server.pause()
            defer { server.resume() }
            let catalog = try Self.catalog()
            let plan = ScanPlan(targets: [try Target(parsing: "192.0.2.1")], zones: catalog.zones, key: nil)
            let resolver = try await StubResolver.open(
                servers: [server.address],
                options: .init(timeout: .milliseconds(200), rounds: 1)
            )
            let result = await ScanRunner(resolver: resolver).run(plan)
            await resolver.close()
            #expect(result.listedCount == 0)
            #expect(result.cleanCount == 0)
            #expect(result.unknownCount == 4)
            #expect(result.unhealthy.allSatisfy { $0.problem?.token == "unreachable" })
        }
    }
}
