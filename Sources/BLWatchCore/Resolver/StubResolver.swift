public import DNSWire
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A stub resolver on SwiftNIO: UDP to the configured servers, TCP when an answer is truncated.
///
/// Queries carry random IDs and leave from OS-chosen ports; an answer counts only if its source,
/// ID, QR bit and question match. A timeout, SERVFAIL or REFUSED moves on to the next server, for
/// `rounds` passes over the server list. The first pass waits only a few round trips of each server
/// (``RetransmitTimer``), so a lost datagram costs milliseconds; later passes wait the full timeout.
public final class StubResolver: Resolver {
    /// Tuning for a resolver.
    public struct Options: Sendable {
        /// Timeout of one attempt.
        public var timeout: Duration
        /// Passes over the server list.
        public var rounds: Int
        /// UDP sockets per address family; queries are spread across them.
        public var socketsPerFamily: Int

        /// Creates options.
        public init(timeout: Duration = .seconds(2), rounds: Int = 4, socketsPerFamily: Int = 2) {
            self.timeout = timeout
            self.rounds = max(1, rounds)
            self.socketsPerFamily = max(1, socketsPerFamily)
        }
    }

    private let servers: [(address: ServerAddress, socket: SocketAddress, timer: RetransmitTimer, label: String)]
    private let sockets4: [UDPQuerySocket]
    private let sockets6: [UDPQuerySocket]
    private let options: Options
    private let group: any EventLoopGroup
    private let nextID: @Sendable () -> UInt16
    private let logger = Logger(label: "blwatch.resolver")
    /// Round-robin counter spreading queries over the sockets.
    private let spread = Atomic<Int>(0)

    public var serverDescriptions: [String] { servers.map(\.label) }

    private init(
        servers: [(ServerAddress, SocketAddress)],
        sockets4: [UDPQuerySocket],
        sockets6: [UDPQuerySocket],
        options: Options,
        group: any EventLoopGroup,
        nextID: @escaping @Sendable () -> UInt16
    ) {
        let ceiling = Double(options.timeout.components.seconds) + Double(options.timeout.components.attoseconds) / 1e18
        self.servers = servers.map { ($0.0, $0.1, RetransmitTimer(ceiling: ceiling), $0.0.description) }
        self.sockets4 = sockets4
        self.sockets6 = sockets6
        self.options = options
        self.group = group
        self.nextID = nextID
    }

    /// Opens the sockets for `servers`.
    /// - Parameters:
    ///   - servers: the servers, tried in order.
    ///   - options: timeouts and retries.
    ///   - nextID: the query-ID source (random by default; tests may fix it).
    /// - Throws: ``ResolverError`` when there is no server or a socket cannot be opened.
    public static func open(
        servers: [ServerAddress],
        options: Options = Options(),
        nextID: (@Sendable () -> UInt16)? = nil
    ) async throws -> StubResolver {
        guard !servers.isEmpty else {
            throw ResolverError(.noServers, "no resolver configured and none in /etc/resolv.conf")
        }
        let nextID = nextID ?? { [ids = QueryIDSource()] in ids.next() }
        // One event-loop thread serves every socket: replies are cheap to read, and a second thread
        // only adds context switches against the workers and, on loopback, the DNS server itself.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var resolved: [(ServerAddress, SocketAddress)] = []
        for server in servers {
            do {
                resolved.append((server, try SocketAddress(ipAddress: server.host.description, port: server.port)))
            } catch {
                try? await group.shutdownGracefully()
                throw ResolverError(.badServer, "resolver \(server): \(error)")
            }
        }
        let needs4 = servers.contains { if case .ipv4 = $0.host { true } else { false } }
        let needs6 = servers.contains { if case .ipv6 = $0.host { true } else { false } }
        do {
            var sockets4: [UDPQuerySocket] = []
            var sockets6: [UDPQuerySocket] = []
            for _ in 0..<options.socketsPerFamily {
                if needs4 { sockets4.append(try await UDPQuerySocket.open(ipv6: false, group: group, nextID: nextID)) }
                if needs6 { sockets6.append(try await UDPQuerySocket.open(ipv6: true, group: group, nextID: nextID)) }
            }
            return StubResolver(
                servers: resolved,
                sockets4: sockets4,
                sockets6: sockets6,
                options: options,
                group: group,
                nextID: nextID
            )
        } catch {
            try? await group.shutdownGracefully()
            throw ResolverError(.socket, "cannot open a UDP socket for DNS queries: \(error)")
        }
    }

    public func lookup(_ name: DomainName, _ type: RecordType) async -> Lookup {
        let question = Question(name: name, type: type)
        let start = ContinuousClock.now
        let fullTimeout = TimeAmount.nanoseconds(
            Int64(options.timeout.components.seconds) * 1_000_000_000
                + options.timeout.components.attoseconds / 1_000_000_000
        )
        var last: (outcome: Lookup.Outcome, server: String)?
        for round in 0..<options.rounds {
            for (index, server) in servers.enumerated() {
                let socket = self.socket(
                    for: server.socket,
                    spread: round + index + spread.add(1, ordering: .relaxed).oldValue
                )
                // Early passes back off from the learnt retransmit time; the last pass waits in full.
                let quick = round < options.rounds - 1
                let backoff = Double(1 << min(round, 6))
                let timeout =
                    quick
                    ? min(fullTimeout, TimeAmount.nanoseconds(Int64(server.timer.timeout * backoff * 1e9)))
                    : fullTimeout
                let sent = ContinuousClock.now
                var exchange = await socket.exchange(question, with: server.socket, timeout: timeout)
                if case .response = exchange {
                    let elapsed = ContinuousClock.now - sent
                    server.timer.record(
                        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                    )
                }
                if case .timedOut = exchange {
                    logger.debug(
                        "no answer in time",
                        metadata: [
                            "server": "\(server.address)", "name": "\(name)", "type": "\(type)", "waited": "\(timeout)",
                            "pass": "\(round + 1)/\(options.rounds)",
                        ]
                    )
                }
                if case .response(let message) = exchange, message.header.isTruncated {
                    logger.debug(
                        "truncated UDP answer, retrying over TCP",
                        metadata: ["server": "\(server.address)", "name": "\(name)"]
                    )
                    exchange = await TCPQuery.exchange(
                        question,
                        id: nextID(),
                        with: server.socket,
                        timeout: fullTimeout,
                        group: group
                    )
                }
                let outcome: Lookup.Outcome
                switch exchange {
                case .response(let message):
                    outcome = .response(message)
                    let code = message.header.responseCode
                    if code != .serverFailure && code != .refused {
                        return Lookup(outcome: outcome, server: server.label, duration: .now - start)
                    }
                case .timedOut: outcome = .failure(.timeout)
                case .sendFailed(let detail): outcome = .failure(.network(detail))
                case .malformed(let detail): outcome = .failure(.malformed(detail))
                }
                last = preferred(last, (outcome, server.label))
            }
        }
        let final = last ?? (.failure(.timeout), servers[0].label)
        return Lookup(outcome: final.outcome, server: final.server, duration: .now - start)
    }

    /// Closes the sockets.
    public func close() async {
        let dropped = (sockets4 + sockets6).reduce(0) { $0 + $1.droppedCount }
        if dropped > 0 {
            logger.debug("dropped datagrams that answered no query in flight", metadata: ["count": "\(dropped)"])
        }
        for socket in sockets4 + sockets6 { await socket.close() }
        try? await group.shutdownGracefully()
    }

    private func socket(for server: SocketAddress, spread: Int) -> UDPQuerySocket {
        let pool: [UDPQuerySocket]
        if case .v6 = server { pool = sockets6 } else { pool = sockets4 }
        return pool[spread % pool.count]
    }

    /// Keeps a server's response (SERVFAIL/REFUSED says more) over a later timeout.
    private func preferred(
        _ old: (outcome: Lookup.Outcome, server: String)?,
        _ new: (outcome: Lookup.Outcome, server: String)
    ) -> (outcome: Lookup.Outcome, server: String) {
        if let old, case .response = old.outcome, case .failure = new.outcome { return old }
        return new
    }
}
