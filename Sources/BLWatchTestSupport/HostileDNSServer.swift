public import BLWatchCore
public import DNSWire
import NIOCore
import NIOPosix
import Synchronization

/// A hostile DNS proxy on 127.0.0.1 in front of a real server (rbldnsd) that holds the truth.
///
/// Each query meets a fault drawn from a ``HostileDNSPlan``: dropped, delayed, answered with a lie
/// under a wrong ID, from a wrong port or address, for a wrong question, truncated, broken, refused,
/// rewritten. UDP and TCP listen on the same port; TCP is what a client falls back to after a
/// truncated answer, and has faults of its own. Queries that need the truth are forwarded over UDP
/// (rbldnsd speaks only UDP). The server counts the faults and keeps, per question, what it did.
public final class HostileDNSServer: Sendable {
    /// Where to send queries.
    public let address: ServerAddress
    private let core: HostileCore
    private let channels: [any Channel]

    private init(address: ServerAddress, core: HostileCore, channels: [any Channel]) {
        self.address = address
        self.core = core
        self.channels = channels
    }

    /// UDP queries met, by fault (``DNSFault/none`` included).
    public var faultCounts: [DNSFault: Int] { core.ledger.withLock { $0.udpCounts } }

    /// TCP queries met, by fault (``TCPFault/answer`` included).
    public var tcpFaultCounts: [TCPFault: Int] { core.ledger.withLock { $0.tcpCounts } }

    /// What the server did with each query of `question`, in arrival order.
    public func events(for question: Question) -> [FaultEvent] {
        core.ledger.withLock { $0.events[question] ?? [] }
    }

    /// The counts on one line, for test logs: `udp none=812 drop=203 … tcp answer=12 close=3`.
    public var summary: String {
        let udp = faultCounts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
        let tcp = tcpFaultCounts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }
        return "udp " + udp.joined(separator: " ") + (tcp.isEmpty ? "" : " tcp " + tcp.joined(separator: " "))
    }

    /// Starts a proxy forwarding to `upstream` and injecting faults by `plan`.
    /// - Throws: ``TestSupportError`` when no port pair is free or 127.0.0.2 cannot be bound.
    public static func start(forwardingTo upstream: ServerAddress, plan: HostileDNSPlan) async throws
        -> HostileDNSServer
    {
        let group = MultiThreadedEventLoopGroup.singleton
        let core = HostileCore(
            plan: plan,
            upstream: try SocketAddress(ipAddress: upstream.host.description, port: upstream.port)
        )
        let upstreamChannel = try await DatagramBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler(core: core))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        var opened: [any Channel] = [upstreamChannel]
        do {
            let (udp, tcp) = try await bindFront(core: core, group: group)
            opened += [udp, tcp]
            let port = udp.localAddress!.port!
            let otherPort = try await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
            opened.append(otherPort)
            // Linux routes all of 127/8 to lo; the same port number makes the address the only difference.
            let otherAddress: any Channel
            do {
                otherAddress = try await DatagramBootstrap(group: group).bind(host: "127.0.0.2", port: port).get()
            } catch {
                otherAddress = try await DatagramBootstrap(group: group).bind(host: "127.0.0.2", port: 0).get()
            }
            opened.append(otherAddress)
            core.links.withLock {
                $0 = HostileCore.Links(
                    front: udp,
                    otherPort: otherPort,
                    otherAddress: otherAddress,
                    upstream: upstreamChannel
                )
            }
            let address = try ServerAddress(parsing: "127.0.0.1:\(port)")
            return HostileDNSServer(address: address, core: core, channels: opened)
        } catch {
            for channel in opened { try? await channel.close() }
            throw error is TestSupportError ? error : TestSupportError("hostile DNS server: \(error)")
        }
    }

    /// Stops every listener and socket.
    public func stop() async {
        core.links.withLock { $0 = nil }
        for channel in channels { try? await channel.close() }
    }

    private static func bindFront(core: HostileCore, group: any EventLoopGroup) async throws
        -> (udp: any Channel, tcp: any Channel)
    {
        let listeners = try await DNSListeners.bind(
            group: group,
            label: "hostile DNS server",
            udpHandler: { FrontUDPHandler(core: core) },
            tcpHandler: { FrontTCPHandler(core: core) }
        )
        return (listeners.udp, listeners.tcp)
    }
}

/// Runs `body` with a hostile proxy in front of `upstream`, always stopping it afterwards.
public func withHostileDNSServer<T>(
    forwardingTo upstream: ServerAddress,
    plan: HostileDNSPlan,
    _ body: (HostileDNSServer) async throws -> T
) async throws -> T {
    try await withStopping(
        try await HostileDNSServer.start(forwardingTo: upstream, plan: plan),
        stop: { await $0.stop() },
        body
    )
}

private final class FrontUDPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let core: HostileCore

    init(core: HostileCore) { self.core = core }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let query = try? Message(decoding: Array(envelope.data.readableBytesView)), query.questions.count == 1
        else { return }
        core.receive(query, from: .udp(envelope.remoteAddress))
    }
}

private final class FrontTCPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let core: HostileCore

    init(core: HostileCore) { self.core = core }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let query = try? Message(decoding: Array(frame.readableBytesView)), query.questions.count == 1 else {
            return
        }
        core.receive(query, from: .tcp(context.channel))
    }
}

private final class UpstreamHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let core: HostileCore

    init(core: HostileCore) { self.core = core }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        core.upstreamReplied(Array(unwrapInboundIn(data).data.readableBytesView))
    }
}
