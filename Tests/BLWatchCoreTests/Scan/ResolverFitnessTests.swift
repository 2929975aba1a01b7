import BLWatchTestSupport
import DNSWire
import Testing

@testable import BLWatchCore

/// Resolvers that lists refuse, or that rewrite NXDOMAIN, are reported as unfit; no verdict from them
/// is listed or clean.
struct ResolverFitnessTests {
    static func scan(through script: @escaping @Sendable (Message, Bool) -> ScriptedReply) async throws -> ScanResult {
        let catalog = try TestCatalog.catalog([TestCatalog.entry("zen", codes: TestCatalog.zenCodes)])
        return try await withScriptedDNSServer(script) { server in
            let resolver = try await StubResolver.open(
                servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")],
                options: .init(timeout: .milliseconds(500))
            )
            let plan = ScanPlan(
                targets: [try Target(parsing: "192.0.2.0/30"), try Target(parsing: "2001:db8::25")],
                zones: catalog.zones,
                key: nil
            )
            let result = await ScanRunner(resolver: resolver).run(plan)
            await resolver.close()
            return result
        }
    }

    @Test func nxdomainRewritingResolverIsUnfit() async throws {
        // An ISP-style resolver: every name "exists" and points at a search page.
        let result = try await Self.scan { query, _ in
            .message(.reply(to: query, answers: [.aRecord(query, IPv4Address(198, 51, 100, 80))]))
        }
        #expect(result.listedCount == 0 && result.cleanCount == 0 && result.unknownCount == 5)
        #expect(
            result.health.map(\.problem) == [
                .rewritten(IPv4Address(198, 51, 100, 80)), .rewritten(IPv4Address(198, 51, 100, 80)),
            ]
        )
        #expect(
            ScanReport.resolverWarnings(health: result.health, servers: result.servers).first?.contains(
                "rewrites answers"
            ) == true
        )
    }

    @Test func publicResolverRefusedBySpamhausIsUnfit() async throws {
        let result = try await Self.scan { query, _ in
            .message(.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 255, 255, 254))]))
        }
        #expect(result.listedCount == 0 && result.cleanCount == 0 && result.unknownCount == 5)
        #expect(result.health.allSatisfy { $0.problem?.isResolverProblem == true })
        #expect(
            ScanReport.resolverWarnings(health: result.health, servers: result.servers).first?.contains("DQS key")
                == true
        )
    }

    @Test func servfailingResolverGivesUnknown() async throws {
        let result = try await Self.scan { query, _ in .message(.reply(to: query, code: .serverFailure)) }
        #expect(result.listedCount == 0 && result.cleanCount == 0 && result.unknownCount == 5)
        #expect(result.health.allSatisfy { $0.problem?.token == "unreachable" })
    }
}
