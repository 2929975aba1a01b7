import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small SMTP listener that records how clients greet it, for `blwatch helo-catch`.
///
/// Point an MTA at it (a transport route, or a test message to an address routed here) and it records
/// each connection's EHLO/HELO and MAIL FROM, then refuses the recipients with a 5xx so the sender
/// gives up without retrying. It never accepts DATA, so it stores no message body, and never relays.
/// Everything is bounded: connections at once, line length, commands and time per connection.
///
/// NIO does the framing (``SMTPLineDecoder``); the dialogue is the pure ``HELOCatchSession``.
public final class HELOCatcher: Sendable {
    /// Limits and the name the catcher greets with.
    public struct Options: Sendable {
        /// The host name in the banner and replies.
        public var hostname: String
        /// Connections served at once; one more is answered 421 and closed.
        public var maxConnections = 16
        /// The longest command line, CRLF included (RFC 5321 §4.5.3.1.6); longer is answered 500 and closed.
        public var maxLineLength = 1000
        /// How long one connection may last before it is answered 421 and closed.
        public var connectionTimeLimit: Duration = .seconds(30)
        /// Commands per connection before 421 and close.
        public var maxCommands = 50

        /// The defaults, greeting as `hostname` (default: this machine's host name).
        public init(hostname: String = HELOCatcher.localHostName()) {
            self.hostname = hostname
        }
    }

    /// The port it listens on (the one the system chose when started with port 0).
    public let port: Int
    private let listener: any Channel
    private let loop: Task<Void, Never>

    private init(port: Int, listener: any Channel, loop: Task<Void, Never>) {
        self.port = port
        self.listener = listener
        self.loop = loop
    }

    /// Starts listening on `host:port` and serving connections in the background.
    /// - Parameters:
    ///   - host: the address to bind, such as `127.0.0.1` or `::`.
    ///   - port: the port; 0 lets the system choose (read it back from ``port``).
    ///   - options: limits and the greeting name.
    ///   - onCapture: called once per connection that greeted, from the connection's task.
    /// - Returns: the running catcher; call ``stop()`` when done.
    /// - Throws: ``HELOCatchError`` `.listen` when the address cannot be bound.
    public static func start(
        host: String,
        port: Int,
        options: Options,
        onCapture: @escaping @Sendable (HELOCapture) -> Void
    ) async throws -> HELOCatcher {
        let maxLineLength = options.maxLineLength
        let server: NIOAsyncChannel<NIOAsyncChannel<SMTPLine, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 64)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(SMTPLineDecoder(maxLength: maxLineLength))
                        )
                        return try NIOAsyncChannel<SMTPLine, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw HELOCatchError(.listen, "cannot listen on \(host):\(port): \(error)")
        }
        let slots = ConnectionSlots(limit: options.maxConnections)
        let loop = Task<Void, Never> {
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            guard slots.take() else {
                                group.addTask { await refuse(connection, name: options.hostname) }
                                continue
                            }
                            group.addTask {
                                defer { slots.release() }
                                await serve(connection, options: options, onCapture: onCapture)
                            }
                        }
                    } catch {
                        // The listener was closed (stop()) or failed: stop accepting.
                    }
                }
            }
        }
        return HELOCatcher(port: server.channel.localAddress?.port ?? port, listener: server.channel, loop: loop)
    }

    /// Stops accepting, lets the open connections finish for up to `grace`, then ends them.
    ///
    /// The grace matters for `--count`: the capture comes at MAIL FROM, and cutting the session there
    /// would make the sending MTA see a dropped connection and retry instead of the final 550.
    /// - Parameter grace: how long open sessions may go on.
    public func stop(grace: Duration = .seconds(5)) async {
        try? await listener.close()
        let loop = self.loop
        let deadline = Task {
            try? await Task.sleep(for: grace)
            loop.cancel()
        }
        await loop.value
        deadline.cancel()
    }

    /// Splits `ADDR:PORT` (`127.0.0.1:2525`, `[::1]:2525`, `0.0.0.0:25`) for ``start(host:port:options:onCapture:)``.
    /// - Throws: ``HELOCatchError`` `.address` naming the text when it is not an address and a port 0-65535.
    public static func listenAddress(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw HELOCatchError(.address, "--listen \(text): expected ADDR:PORT, such as 127.0.0.1:2525") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, (try? SocketAddress(ipAddress: host, port: port)) != nil else {
            throw HELOCatchError(.address, "--listen \(text): \"\(host)\" is not an IP address")
        }
        return (host, port)
    }

    /// This machine's host name, or `localhost` when it has none.
    public static func localHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return name.isEmpty ? "localhost" : name
    }

    /// Runs one connection's dialogue, under the per-connection time limit.
    private static func serve(
        _ connection: NIOAsyncChannel<SMTPLine, ByteBuffer>,
        options: Options,
        onCapture: @Sendable (HELOCapture) -> Void
    ) async {
        let channel = connection.channel
        var session = HELOCatchSession(
            name: options.hostname,
            peer: channel.remoteAddress?.ipAddress ?? "unknown",
            maxCommands: options.maxCommands
        )
        let timeout = Self.reply("421 4.4.2 \(options.hostname) connection time limit reached, closing")
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(options.connectionTimeLimit)) {
            channel.writeAndFlush(timeout).whenComplete { _ in channel.close(promise: nil) }
        }
        defer { timer.cancel() }
        // Replies go through the channel and are awaited one by one: ordered, and written before a close.
        try? await connection.executeThenClose { lines, _ in
            try await channel.writeAndFlush(Self.reply(session.banner))
            for try await line in lines {
                let step: HELOCatchSession.Step
                switch line {
                case .line(let text): step = session.receive(text)
                case .overlong: step = .init(replies: ["500 5.5.2 line too long, closing"], close: true)
                }
                if let capture = step.capture { onCapture(capture) }
                for text in step.replies { try await channel.writeAndFlush(Self.reply(text)) }
                if step.close { return }
            }
        }
        if let capture = session.finish() { onCapture(capture) }
    }

    /// Answers a connection over the limit with 421 and closes it.
    private static func refuse(_ connection: NIOAsyncChannel<SMTPLine, ByteBuffer>, name: String) async {
        let channel = connection.channel
        try? await connection.executeThenClose { _, _ in
            try await channel.writeAndFlush(Self.reply("421 4.3.2 \(name) too many connections, try again later"))
        }
    }

    /// `text` plus CRLF.
    private static func reply(_ text: String) -> ByteBuffer {
        ByteBuffer(string: text + "\r\n")
    }
}

/// The count of connections being served, against the limit.
private final class ConnectionSlots: Sendable {
    private let limit: Int
    private let used = Mutex(0)

    init(limit: Int) { self.limit = limit }

    /// Takes a slot; `false` when all are in use.
    func take() -> Bool {
        used.withLock { used in
            guard used < limit else { return false }
            used += 1
            return true
        }
    }

    /// Gives a slot back.
    func release() {
        used.withLock { $0 -= 1 }
    }
}
