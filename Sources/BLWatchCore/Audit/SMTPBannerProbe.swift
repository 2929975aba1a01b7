import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Connects to an MTA, reads its greeting, sends EHLO, reads the capabilities and says QUIT, then
/// compares the greeting's host name with the PTR names of the MTA's address.
///
/// Everything that can go wrong on the wire (refused, silent, not SMTP, over-long lines, too many
/// bytes) is a finding, never an error: every read has a timeout and the whole session a deadline.
public struct SMTPBannerProbe: Sendable {
    private let host: String
    private let port: Int
    private let heloName: String
    private let timeout: Duration

    /// Creates a probe.
    /// - Parameters:
    ///   - host: the MTA's address or name.
    ///   - port: its SMTP port, usually 25.
    ///   - heloName: the name to send in EHLO; empty for this machine's host name when it has a dot,
    ///     else the address literal of the local end of the connection.
    ///   - timeout: the connect timeout and the timeout of each read.
    public init(host: String, port: Int, heloName: String, timeout: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.heloName = String(heloName.filter { !$0.isWhitespace })
        self.timeout = timeout
    }

    /// This machine's host name when it is fully qualified (has a dot), else `nil`.
    public static func localHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.contains(".") ? name : nil
    }

    /// Runs the dialogue.
    /// - Parameter expectedNames: the PTR names of the MTA's address; the greeting should name one.
    /// - Returns: what was seen, with findings.
    public func probe(expectedNames: [String]) async -> SMTPProbeResult {
        let wait = TimeAmount.nanoseconds(
            Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        )
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(wait)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            return SMTPProbeResult(findings: [unreachable(error)])
        }
        let local = channel.channel.localAddress
        let dialogue: SMTPDialogue
        do {
            dialogue = try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(inbound: inbound, outbound: outbound, channel: channel.channel, timeout: wait)
                return await converse(&session, local: local)
            }
        } catch {
            return SMTPProbeResult(findings: [unreachable(error)])
        }
        return assess(dialogue, expectedNames: expectedNames)
    }

    /// Greeting, EHLO, QUIT; stops at the first step that goes wrong.
    private func converse(_ session: inout SMTPSession, local: SocketAddress?) async -> SMTPDialogue {
        var dialogue = SMTPDialogue(greeting: await session.read())
        guard case .reply(let greeting) = dialogue.greeting, greeting.code == 220 else {
            dialogue.transcript = session.transcript
            return dialogue
        }
        if await session.send("EHLO \(ourName(local: local))") {
            dialogue.ehlo = await session.read()
        } else if session.hasTimedOut {
            // Our own timeout closed the connection before EHLO could be written: a timeout, not a
            // server that hung up.
            dialogue.ehlo = .timedOut("")
        }
        if case .reply = dialogue.ehlo, await session.send("QUIT") {
            _ = await session.read()
        }
        dialogue.transcript = session.transcript
        return dialogue
    }

    /// The EHLO argument: the given name, this host's FQDN, or the local address literal (RFC 5321 §4.1.3).
    private func ourName(local: SocketAddress?) -> String {
        if !heloName.isEmpty { return heloName }
        if let name = Self.localHostName() { return name }
        switch local {
        case .v4?: return "[\(local?.ipAddress ?? "127.0.0.1")]"
        case .v6?: return "[IPv6:\(local?.ipAddress ?? "::1")]"
        default: return "[127.0.0.1]"
        }
    }

    /// `host:port`, the subject of every finding.
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The timeout as people read it: `10 s`, `0.5 s`.
    var timeoutText: String {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

/// What the server said at each step; `nil` for a step not reached.
struct SMTPDialogue: Sendable, Hashable {
    var greeting: SMTPExchange
    var ehlo: SMTPExchange?
    var transcript: [String] = []
}
