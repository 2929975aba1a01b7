import BLWatchTestSupport
import DNSWire
import Synchronization
import Testing

@testable import BLWatchCore

/// The stub resolver against a scripted server: only matching answers count, failures are values.
struct StubResolverTests {
    static let name = try! DomainName("2.0.0.127.bl.test")
    static let quick = StubResolver.Options(timeout: .milliseconds(300), rounds: 1, socketsPerFamily: 1)

    func lookup(_ script: @escaping @Sendable (Message, Bool) -> ScriptedReply, options: StubResolver.Options = quick)
        async throws -> Lookup
    {
        try await withScriptedDNSServer(script) { server in
            let resolver = try await StubResolver.open(
                servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")],
                options: options
            )
            let lookup = await resolver.lookup(Self.name, .a)
            await resolver.close()
            return lookup
        }
    }

    @Test func matchingAnswerIsReturned() async throws {
        let lookup = try await lookup { query, _ in
            .message(.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 2))]))
        }
        guard case .response(let message) = lookup.outcome else {
            Issue.record("expected a response, got \(lookup.outcome)")
            return
        }
        #expect(message.answers.map(\.data) == [.a(IPv4Address(127, 0, 0, 2))])
    }

    @Test func silenceIsATimeout() async throws {
        let lookup = try await lookup { _, _ in .silence }
        #expect(lookup.failure == .timeout)
    }

    @Test func wrongIDIsIgnored() async throws {
        let lookup = try await lookup { query, _ in
            var reply = Message.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 2))])
            reply.header.id &+= 1
            return .message(reply)
        }
        #expect(lookup.failure == .timeout)
    }

    @Test func wrongQuestionIsIgnored() async throws {
        let lookup = try await lookup { query, _ in
            var reply = Message.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 2))])
            reply.questions = [Question(name: try! DomainName("2.0.0.127.other.test"), type: .a)]
            return .message(reply)
        }
        #expect(lookup.failure == .timeout)
    }

    @Test func answerWithoutQRBitIsIgnored() async throws {
        let lookup = try await lookup { query, _ in
            var reply = Message.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 2))])
            reply.header.isResponse = false
            return .message(reply)
        }
        #expect(lookup.failure == .timeout)
    }

    @Test func garbageWithTheRightIDIsMalformed() async throws {
        let lookup = try await lookup { query, _ in
            .raw([UInt8(query.header.id >> 8), UInt8(query.header.id & 0xFF), 0x81, 0x80, 0, 1, 0, 1])
        }
        guard case .failure(.malformed) = lookup.outcome else {
            Issue.record("expected malformed, got \(lookup.outcome)")
            return
        }
    }

    @Test func servfailOnEveryAttemptIsReturnedAsSuch() async throws {
        let lookup = try await lookup(
            { query, _ in .message(.reply(to: query, code: .serverFailure)) },
            options: .init(timeout: .milliseconds(300), rounds: 2, socketsPerFamily: 1)
        )
        guard case .response(let message) = lookup.outcome else {
            Issue.record("expected a response, got \(lookup.outcome)")
            return
        }
        #expect(message.header.responseCode == .serverFailure)
    }

    @Test func truncatedAnswerIsRetriedOverTCP() async throws {
        let lookup = try await lookup { query, overTCP in
            overTCP
                ? .message(.reply(to: query, answers: [.aRecord(query, IPv4Address(127, 0, 0, 4))]))
                : .message(.reply(to: query, truncated: true))
        }
        guard case .response(let message) = lookup.outcome else {
            Issue.record("expected a response, got \(lookup.outcome)")
            return
        }
        #expect(message.answers.map(\.data) == [.a(IPv4Address(127, 0, 0, 4))])
    }

    @Test func nextServerIsTriedAfterATimeout() async throws {
        try await withScriptedDNSServer({ _, _ in .silence }) { dead in
            try await withScriptedDNSServer({ query, _ in .message(.reply(to: query, code: .nameError)) }) { alive in
                let resolver = try await StubResolver.open(
                    servers: [
                        try ServerAddress(parsing: "127.0.0.1:\(dead.port)"),
                        try ServerAddress(parsing: "127.0.0.1:\(alive.port)"),
                    ],
                    options: Self.quick
                )
                let lookup = await resolver.lookup(Self.name, .a)
                await resolver.close()
                #expect(lookup.server == "127.0.0.1:\(alive.port)")
                guard case .response(let message) = lookup.outcome else {
                    Issue.record("expected a response, got \(lookup.outcome)")
                    return
                }
                #expect(message.header.responseCode == .nameError)
            }
        }
    }

    @Test func queryIDsAreRandom() async throws {
        let seen = Mutex<[UInt16]>([])
        try await withScriptedDNSServer({ query, _ in
            seen.withLock { $0.append(query.header.id) }
            return .message(.reply(to: query, code: .nameError))
        }) { server in
            let resolver = try await StubResolver.open(
                servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")],
                options: Self.quick
            )
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask { _ = await resolver.lookup(try! DomainName("\(index).bl.test"), .a) }
                }
            }
            await resolver.close()
        }
        let ids = seen.withLock { $0 }
        #expect(ids.count == 64)
        // Random 16-bit IDs may repeat once a query has ended (a birthday collision among 64 is about
        // 3 % likely), so ask for variety, not uniqueness: no counter and no constant.
        #expect(Set(ids).count >= 60)
        #expect(zip(ids, ids.dropFirst()).contains { $1 != $0 &+ 1 })
    }

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1:53"), ("127.0.0.1:5353", "127.0.0.1:5353"), ("::1", "[::1]:53"),
        ("[::1]:5353", "[::1]:5353"),
    ])
    func serverAddresses(text: String, description: String) throws {
        #expect(try ServerAddress(parsing: text).description == description)
    }

    @Test(arguments: ["dns.example", "127.0.0.1:0", "127.0.0.1:x", "[::1", "1.2.3.4:70000"])
    func badServerAddresses(text: String) {
        #expect(throws: ResolverError(.badServer, "")) { try ServerAddress(parsing: text) }
    }

    @Test func resolvConfNameservers() {
        let text =
            "# comment\nsearch example.test\nnameserver 127.0.0.53\nnameserver fe80::1%eth0\nnameserver ::1\noptions edns0\n"
        #expect(ServerAddress.fromResolvConf(text).map(\.description) == ["127.0.0.53:53", "[::1]:53"])
    }
}

extension Lookup {
    var failure: LookupFailure? {
        if case .failure(let failure) = outcome { return failure }
        return nil
    }
}
