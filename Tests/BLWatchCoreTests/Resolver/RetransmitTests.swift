import BLWatchTestSupport
import DNSWire
import Synchronization
import Testing

@testable import BLWatchCore

/// Lost datagrams are sent again, early, with a fresh ID.
struct RetransmitTests {
    @Test func timerLearnsFromSamples() {
        let timer = RetransmitTimer(ceiling: 2)
        #expect(timer.timeout == 1)
        timer.record(0.010)
        #expect(abs(timer.timeout - 0.030) < 1e-9)  // 10 ms + 4 × 5 ms
        for _ in 0..<50 { timer.record(0.200) }
        #expect(timer.timeout > 0.2 && timer.timeout < 0.3)
        for _ in 0..<10 { timer.record(30) }
        #expect(timer.timeout == 2)
    }

    @Test func aLostQueryIsSentAgainWithAFreshID() async throws {
        let seen = Mutex<[UInt16]>([])
        try await withScriptedDNSServer({ query, _ in
            let first = seen.withLock { ids in
                ids.append(query.header.id)
                return ids.count == 1
            }
            return first ? .silence : .message(.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 2))]))
        }) { server in
            let resolver = try await StubResolver.open(
                servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")],
                options: .init(timeout: .seconds(3), rounds: 2, socketsPerFamily: 1)
            )
            let lookup = await resolver.lookup(try DomainName("2.0.0.127.bl.test"), .a)
            await resolver.close()
            guard case .response(let message) = lookup.outcome else {
                Issue.record("expected a response, got \(lookup.outcome)")
                return
            }
            #expect(message.answers.count == 1)
        }
        let ids = seen.withLock { $0 }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
    }
}
