import BLWatchCore
import NIOCore
import NIOPosix

/// A DNS test server's two listeners, UDP and TCP, on one free port of 127.0.0.1.
///
/// The OS picks the UDP port; TCP then binds the same number, which another process may hold, so
/// the pair is retried on fresh ports.
struct DNSListeners {
    let udp: any Channel
    let tcp: any Channel

    /// Binds both, adding `udpHandler()` to the UDP channel and `tcpHandler()` after a DNS/TCP frame
    /// decoder to each accepted connection.
    /// - Throws: `TestSupportError` when no port was free for both in 20 tries.
    static func bind(
        group: any EventLoopGroup,
        label: String,
        udpHandler: @escaping @Sendable () -> any ChannelHandler & Sendable,
        tcpHandler: @escaping @Sendable () -> any ChannelHandler & Sendable
    ) async throws -> DNSListeners {
        for _ in 0..<20 {
            let udp = try await DatagramBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(udpHandler())
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            do {
                let tcp = try await ServerBootstrap(group: group)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(DNSTCPFrameDecoder()))
                            try channel.pipeline.syncOperations.addHandler(tcpHandler())
                        }
                    }
                    .bind(host: "127.0.0.1", port: udp.localAddress!.port!).get()
                return DNSListeners(udp: udp, tcp: tcp)
            } catch {
                try? await udp.close()
            }
        }
        throw TestSupportError("\(label): no port free for UDP and TCP at once")
    }
}
