import NIOConcurrencyHelpers
import NIOCore

/// How one read of an SMTP reply ended.
enum SMTPExchange: Sendable, Hashable {
    /// A whole reply.
    case reply(SMTPReply)
    /// Nothing whole in time; the bytes that did come, printable.
    case timedOut(String)
    /// The server closed the connection; the bytes of an unfinished line, printable.
    case closed(String)
    /// Bytes that are not SMTP.
    case garbage(SMTPReplyReader.Problem)
}

/// The client side of one SMTP connection: writes command lines and reads replies, each read bounded
/// by a timeout and the whole session by a deadline, all bytes by ``SMTPReplyReader``'s limits.
///
/// A timeout closes the channel, which ends the session: the next read reports it.
struct SMTPSession {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel
    private let timeout: TimeAmount
    private let deadline: NIODeadline
    private let timedOut = NIOLockedValueBox(false)
    private var reader = SMTPReplyReader()
    /// Every line sent and received, `C: ` and `S: ` prefixed.
    private(set) var transcript: [String] = []

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel,
        timeout: TimeAmount
    ) {
        self.iterator = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.channel = channel
        self.timeout = timeout
        // Four steps (greeting, EHLO, QUIT and slack) at most: a server dripping bytes cannot hold on.
        self.deadline = .now() + .nanoseconds(timeout.nanoseconds * 4)
    }

    /// Whether a read's time ran out (which closed the connection, so a later write fails).
    var hasTimedOut: Bool { timedOut.withLockedValue { $0 } }

    /// Reads the next reply.
    mutating func read() async -> SMTPExchange {
        while true {
            do throws(SMTPReplyReader.Problem) {
                if let reply = try reader.nextReply() {
                    transcript += reply.lines.enumerated().map { index, line in
                        "S: \(reply.code)\(index == reply.lines.count - 1 ? " " : "-")\(line)"
                    }
                    return .reply(reply)
                }
            } catch {
                return .garbage(error)
            }
            let (chunk, expired) = await nextChunk()
            guard let chunk else {
                return expired || timedOut.withLockedValue { $0 }
                    ? .timedOut(reader.leftover) : .closed(reader.leftover)
            }
            do throws(SMTPReplyReader.Problem) {
                try reader.append(chunk.readableBytesView)
            } catch {
                return .garbage(error)
            }
        }
    }

    /// Sends one command line (CRLF added).
    /// - Returns: whether it could be written.
    mutating func send(_ line: String) async -> Bool {
        transcript.append("C: \(line)")
        do {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            return true
        } catch {
            return false
        }
    }

    /// The next bytes, or `nil` when the connection closed or the read timed out (which closes it);
    /// `expired` says the read's time was up when it ended, whoever noticed first.
    private mutating func nextChunk() async -> (ByteBuffer?, expired: Bool) {
        let limit = min(NIODeadline.now() + timeout, deadline)
        let flag = timedOut
        let task = channel.eventLoop.scheduleTask(deadline: limit) { [channel] in
            flag.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { task.cancel() }
        do {
            let chunk = try await iterator.next()
            return (chunk, chunk == nil && NIODeadline.now() >= limit)
        } catch {
            return (nil, NIODeadline.now() >= limit)
        }
    }
}
