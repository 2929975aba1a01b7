import BLWatchTestSupport
import DNSWire
import Synchronization
import Testing

@testable import BLWatchCore

/// A zone whose daily budget is spent sends nothing at all, and none of its verdicts is a guess.
struct ScanBudgetTests {
    @Test func aBudgetTooSmallForTheHealthProbesQueriesNothing() async throws {
        let received = Mutex(0)
        let catalog = try TestCatalog.catalog([TestCatalog.entry("zen", codes: TestCatalog.zenCodes)])
        let result = try await withScriptedDNSServer({ query, _ in
            received.withLock { $0 += 1 }
            return .message(.reply(to: query, code: .nameError))
        }) { server in
            let resolver = try await StubResolver.open(servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")]
            )
            let plan = ScanPlan(targets: [try Target(parsing: "192.0.2.0/30")], zones: catalog.zones, key: nil)
            let result = await ScanRunner(resolver: resolver).run(plan, budgets: ["zen": 1])
            await resolver.close()
            return result
        }
        #expect(received.withLock { $0 } == 0)
        #expect(result.queryCount == 0)
        #expect(result.unknownCount == 4 && result.listedCount == 0 && result.cleanCount == 0)
        #expect(result.observations.allSatisfy { $0.verdict == .unknown(.budgetExhausted) })
    }
}
