import DNSWire
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// One UDP socket that carries many queries at once.
///
/// Sharing a few sockets among all queries keeps the scan cheap: no socket per query, replies
/// matched to queries by ID in O(1). The receive buffer is enlarged so that a burst of replies is
/// not dropped by the kernel while the event loop is busy. Queries from any thread are queued and
/// written by the event loop in batches (one wake-up, one `sendmmsg` for many), and a single sweep
/// every few milliseconds times them out.
final class UDPQuerySocket: Sendable {
    private struct Outbox {
        var envelopes: [(id: UInt16, envelope: AddressedEnvelope<ByteBuffer>)] = []
        var flushScheduled = false
    }

    private let channel: any Channel
    private let pending: PendingQueries
    private let outbox = NIOLockedValueBox(Outbox())
    private let sweep: RepeatedTask

    private init(channel: any Channel, pending: PendingQueries) {
        self.channel = channel
        self.pending = pending
        sweep = channel.eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(5), delay: .milliseconds(5)) {
            [pending] _ in
            pending.expire(now: .now())
        }
    }

    /// Opens a socket on an OS-chosen (random) port of the wildcard address of `family`.
    static func open(ipv6: Bool, group: any EventLoopGroup, nextID: @escaping @Sendable () -> UInt16) async throws
        -> UDPQuerySocket
    {
        let pending = PendingQueries(nextID: nextID)
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.datagramVectorReadMessageCount, value: 32)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 32 * 2048))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DatagramReceiver(pending: pending))
                }
            }
            .bind(host: ipv6 ? "::" : "0.0.0.0", port: 0)
            .get()
        // A large receive buffer absorbs reply bursts; SO_RCVBUFFORCE (root only) lifts the rmem_max cap.
        let size: SocketOptionValue = 8 << 20
        _ = try? await channel.setOption(.socketOption(.so_rcvbuf), value: size).get()
        _ = try? await channel.setOption(.socketOption(.init(rawValue: 33)), value: size).get()
        return UDPQuerySocket(channel: channel, pending: pending)
    }

    /// Sends `question` to `server` and waits for the matching reply or the timeout.
    func exchange(_ question: Question, with server: SocketAddress, timeout: TimeAmount) async
        -> PendingQueries.Exchange
    {
        await withCheckedContinuation { continuation in
            guard
                let id = pending.register(
                    question,
                    server: server,
                    deadline: .now() + timeout,
                    continuation: continuation
                )
            else {
                continuation.resume(returning: .sendFailed("too many queries in flight"))
                return
            }
            let message = Message.query(id: id, name: question.name, type: question.type)
            let envelope = AddressedEnvelope(
                remoteAddress: server,
                data: channel.allocator.buffer(bytes: message.encoded())
            )
            let mustSchedule = outbox.withLockedValue { outbox in
                outbox.envelopes.append((id, envelope))
                defer { outbox.flushScheduled = true }
                return !outbox.flushScheduled
            }
            if mustSchedule { channel.eventLoop.execute { self.flushOutbox() } }
        }
    }

    /// Writes every queued query and flushes once (on the event loop).
    private func flushOutbox() {
        let batch = outbox.withLockedValue { outbox in
            defer {
                outbox.envelopes.removeAll(keepingCapacity: true)
                outbox.flushScheduled = false
            }
            return outbox.envelopes
        }
        for (id, envelope) in batch {
            channel.write(envelope).whenFailure { [pending] error in
                pending.finish(id, with: .sendFailed("\(error)"))
            }
        }
        channel.flush()
    }

    /// Datagrams this socket dropped because they answered no query in flight.
    var droppedCount: Int { pending.droppedCount }

    /// Closes the socket; queries still in flight end with their timeouts.
    func close() async {
        sweep.cancel()
        try? await channel.close()
    }
}

/// Hands every datagram to the pending-query table; matching is not done on the pipeline.
private final class DatagramReceiver: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let pending: PendingQueries

    init(pending: PendingQueries) {
        self.pending = pending
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        envelope.data.withUnsafeReadableBytes { pending.receive($0, from: envelope.remoteAddress) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP port-unreachable and similar errors are per-datagram; the affected queries time out.
    }
}
