import NIOCore
import NIOPosix

/// A raw line-by-line TCP client for testing SMTP servers: send exactly these bytes, read the replies.
///
/// It lives inside ``session(port:timeout:_:)``, which connects to 127.0.0.1 and always closes; after
/// `timeout` the connection is closed, so a silent server makes `readLine()` return `nil` rather than
/// hang the test.
public final class SMTPLineClient {
    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var pending: [UInt8] = []

    private init(
        channel: any Channel,
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
    }

    /// Connects to `127.0.0.1:port` and runs `body` with the client.
    /// - Parameters:
    ///   - port: the server's port.
    ///   - timeout: when the connection is closed whatever happens.
    ///   - body: the dialogue.
    /// - Throws: a connection error, or what `body` throws.
    public static func session<T>(
        port: Int,
        timeout: Duration = .seconds(60),
        _ body: (SMTPLineClient) async throws -> T
    ) async throws -> T {
        let connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let channel = connection.channel
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        return try await connection.executeThenClose { inbound, outbound in
            try await body(SMTPLineClient(channel: channel, inbound: inbound, outbound: outbound))
        }
    }

    /// Sends `line` followed by CRLF.
    public func send(_ line: String) async throws {
        try await sendRaw(Array((line + "\r\n").utf8))
    }

    /// Sends `bytes` as they are.
    public func sendRaw(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// The next line without its CRLF, or `nil` once the server has closed (or the timeout passed).
    public func readLine() async throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let chunk = try await nextChunk() else { return nil }
            pending += chunk.readableBytesView
        }
    }

    /// Sends `line` and returns the reply's last line (multi-line replies are read to their end).
    public func command(_ line: String) async throws -> String? {
        try await send(line)
        while let reply = try await readLine() {
            if reply.count < 4 || reply[reply.index(reply.startIndex, offsetBy: 3)] != "-" { return reply }
        }
        return nil
    }

    /// Whether the server has closed the connection: reads until end of stream, dropping what comes.
    public func readUntilClosed() async throws -> [String] {
        var lines: [String] = []
        while let line = try await readLine() { lines.append(line) }
        return lines
    }

    private func nextChunk() async throws -> ByteBuffer? {
        do {
            return try await inbound.next()
        } catch let error as ChannelError where error == .ioOnClosedChannel || error == .alreadyClosed {
            return nil
        } catch is IOError {
            // A reset after the server closed with our bytes unread: closed all the same.
            return nil
        }
    }
}
