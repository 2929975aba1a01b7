import NIOCore
import NIOPosix
import Synchronization

/// An in-process TCP server on 127.0.0.1 that plays a send/expect script on every connection and
/// records the lines it receives: a fake MTA for the SMTP probe, a fake anything line-based.
///
/// After the last step the server keeps reading (and recording) until the client closes, unless the
/// script ends with ``Step/close``.
public final class ScriptedLineServer: Sendable {
    /// One step of the script.
    public enum Step: Sendable, Hashable {
        /// Send this text as it is (include the `\r\n`).
        case send(String)
        /// Send these bytes as they are.
        case sendRaw([UInt8])
        /// Read one line and record it; the line should start with this text (case-insensitive), which
        /// ``ScriptedLineServer/mismatches()`` reports when it does not.
        case expect(String)
        /// Wait.
        case sleep(Duration)
        /// Close the connection.
        case close
    }

    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let acceptor: Task<Void, Never>
    private let recorder: Recorder

    private init(port: Int, channel: any Channel, acceptor: Task<Void, Never>, recorder: Recorder) {
        self.port = port
        self.channel = channel
        self.acceptor = acceptor
        self.recorder = recorder
    }

    /// Every line received, over all connections, without line endings, in arrival order.
    public func received() -> [String] {
        recorder.log.withLock { $0.lines }
    }

    /// The `expect` steps that got another line, as `expected "EHLO", got "HELO x"`.
    public func mismatches() -> [String] {
        recorder.log.withLock { $0.mismatches }
    }

    /// Starts a server that plays `script` on each connection.
    /// - Throws: when it cannot bind.
    public static func start(_ script: [Step]) async throws -> ScriptedLineServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let port = server.channel.localAddress!.port!
        let recorder = Recorder()
        let acceptor = Task<Void, Never> {
            _ = try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await play(script, on: connection, recorder: recorder) }
                    }
                }
            }
        }
        return ScriptedLineServer(port: port, channel: server.channel, acceptor: acceptor, recorder: recorder)
    }

    /// Stops listening and drops every connection.
    public func stop() async {
        acceptor.cancel()
        try? await channel.close()
        await acceptor.value
    }
}

/// Runs `body` with a scripted line server, always stopping it afterwards.
/// - Parameters:
///   - script: the steps played on every connection.
///   - body: the test, given the running server.
/// - Returns: what `body` returns.
public func withScriptedLineServer<T>(
    _ script: [ScriptedLineServer.Step],
    _ body: (ScriptedLineServer) async throws -> T
) async throws -> T {
    try await withStopping(try await ScriptedLineServer.start(script), stop: { await $0.stop() }, body)
}

/// The shared log of received lines, filled from every connection.
private final class Recorder: Sendable {
    let log = Mutex<(lines: [String], mismatches: [String])>(([], []))
}

/// Plays the script on one connection; any error (the client went away) ends it quietly.
private func play(
    _ script: [ScriptedLineServer.Step],
    on connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>,
    recorder: Recorder
)
    async
{
    try? await connection.executeThenClose { inbound, outbound in
        var lines = LineSplitter(inbound.makeAsyncIterator())
        for step in script {
            switch step {
            case .send(let text): try await outbound.write(ByteBuffer(string: text))
            case .sendRaw(let bytes): try await outbound.write(ByteBuffer(bytes: bytes))
            case .sleep(let duration): try await Task.sleep(for: duration)
            case .close: return
            case .expect(let prefix):
                guard let line = try await lines.next() else { return }
                recorder.log.withLock { log in
                    log.lines.append(line)
                    if !line.lowercased().hasPrefix(prefix.lowercased()) {
                        log.mismatches.append("expected \"\(prefix)\", got \"\(line)\"")
                    }
                }
            }
        }
        while let line = try await lines.next() {
            recorder.log.withLock { $0.lines.append(line) }
        }
    }
}

/// Splits the inbound byte stream at LF, dropping a CR before it.
private struct LineSplitter {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var buffer: [UInt8] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next line, or `nil` when the client closed (a last unterminated line is returned first).
    mutating func next() async throws -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let chunk = try await iterator.next() else {
                defer { buffer = [] }
                return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(contentsOf: chunk.readableBytesView)
        }
    }
}
