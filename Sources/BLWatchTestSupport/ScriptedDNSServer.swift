import BLWatchCore
public import DNSWire
import NIOCore
import NIOPosix

/// What the scripted server does with one query.
public enum ScriptedReply: Sendable {
    /// Send this message (its ID and question are used as given).
    case message(Message)
    /// Send these bytes as they are.
    case raw([UInt8])
    /// Send nothing.
    case silence
}

/// An in-process DNS server on 127.0.0.1 for what rbldnsd cannot produce: SERVFAIL, silence, a wrong
/// ID or question, truncation, garbage, rewritten answers. UDP and TCP on the same port; the script is
/// a function of the query and the transport.
public final class ScriptedDNSServer: Sendable {
    /// Where to send queries.
    public let port: Int
    private let udp: any Channel
    private let tcp: any Channel

    private init(port: Int, udp: any Channel, tcp: any Channel) {
        self.port = port
        self.udp = udp
        self.tcp = tcp
    }

    /// Starts a server whose replies come from `script(query, overTCP)`.
    public static func start(_ script: @escaping @Sendable (Message, Bool) -> ScriptedReply) async throws
        -> ScriptedDNSServer
    {
        let listeners = try await DNSListeners.bind(
            group: MultiThreadedEventLoopGroup.singleton,
            label: "scripted DNS server",
            udpHandler: { ScriptedUDPHandler(script: script) },
            tcpHandler: { ScriptedTCPHandler(script: script) }
        )
        return ScriptedDNSServer(port: listeners.udp.localAddress!.port!, udp: listeners.udp, tcp: listeners.tcp)
    }

    /// Stops both listeners.
    public func stop() async {
        try? await udp.close()
        try? await tcp.close()
    }
}

/// Runs `body` with a scripted server, always stopping it afterwards.
public func withScriptedDNSServer<T>(
    _ script: @escaping @Sendable (Message, Bool) -> ScriptedReply,
    _ body: (ScriptedDNSServer) async throws -> T
) async throws -> T {
    try await withStopping(try await ScriptedDNSServer.start(script), stop: { await $0.stop() }, body)
}

extension Message {
    /// A response to `query`: same ID and question, QR set, with `answers` and `code`.
    public static func reply(
        to query: Message,
        code: ResponseCode = .noError,
        answers: [ResourceRecord] = [],
        truncated: Bool = false
    ) -> Message {
        var header = query.header
        header.isResponse = true
        header.recursionAvailable = true
        header.responseCode = code
        header.isTruncated = truncated
        return Message(header: header, questions: query.questions, answers: answers)
    }
}

extension ResourceRecord {
    /// An A record answering the query's name.
    public static func aRecord(_ query: Message, _ address: IPv4Address) -> ResourceRecord {
        ResourceRecord(name: query.questions[0].name, type: .a, ttl: 60, data: .a(address))
    }
}

private final class ScriptedUDPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let script: @Sendable (Message, Bool) -> ScriptedReply

    init(script: @escaping @Sendable (Message, Bool) -> ScriptedReply) { self.script = script }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let query = try? Message(decoding: Array(envelope.data.readableBytesView)) else { return }
        let bytes: [UInt8]
        switch script(query, false) {
        case .message(let message): bytes = message.encoded()
        case .raw(let raw): bytes = raw
        case .silence: return
        }
        let reply = AddressedEnvelope(
            remoteAddress: envelope.remoteAddress,
            data: context.channel.allocator.buffer(bytes: bytes)
        )
        context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
    }
}

private final class ScriptedTCPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let script: @Sendable (Message, Bool) -> ScriptedReply

    init(script: @escaping @Sendable (Message, Bool) -> ScriptedReply) { self.script = script }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let query = try? Message(decoding: Array(frame.readableBytesView)) else { return }
        let bytes: [UInt8]
        switch script(query, true) {
        case .message(let message): bytes = message.encoded()
        case .raw(let raw): bytes = raw
        case .silence: return
        }
        var out = context.channel.allocator.buffer(capacity: bytes.count + 2)
        out.writeInteger(UInt16(bytes.count))
        out.writeBytes(bytes)
        context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
}
