import DNSWire
public import NIOCore
import NIOPosix

/// One DNS query over TCP (RFC 1035 §4.2.2, RFC 7766), used when a UDP answer comes back truncated.
enum TCPQuery {
    /// Sends `question` to `server` over a fresh TCP connection and reads one framed reply.
    static func exchange(
        _ question: Question,
        id: UInt16,
        with server: SocketAddress,
        timeout: TimeAmount,
        group: any EventLoopGroup
    ) async -> PendingQueries.Exchange {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(to: server) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(DNSTCPFrameDecoder())
                        )
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            return .sendFailed("TCP connect to \(server): \(error)")
        }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { [channel] in
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                let body = Message.query(id: id, name: question.name, type: question.type).encoded()
                var frame = ByteBuffer()
                frame.writeInteger(UInt16(body.count))
                frame.writeBytes(body)
                try await outbound.write(frame)
                for try await reply in inbound {
                    let message: Message
                    do throws(DNSWireError) {
                        message = try reply.withUnsafeReadableBytes { bytes throws(DNSWireError) in
                            try Message(decoding: bytes)
                        }
                    } catch {
                        return .malformed(error.description)
                    }
                    guard message.header.id == id, message.header.isResponse, message.questions == [question] else {
                        return .malformed("TCP reply does not match the query")
                    }
                    return .response(message)
                }
                return .timedOut
            }
        } catch {
            return .timedOut
        }
    }
}

/// Splits a TCP byte stream into DNS messages by their two-byte length prefix (RFC 1035 §4.2.2).
public struct DNSTCPFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// Creates a decoder.
    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
            buffer.readableBytes >= 2 + Int(length)
        else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        let frame = buffer.readSlice(length: Int(length))!
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }
}
