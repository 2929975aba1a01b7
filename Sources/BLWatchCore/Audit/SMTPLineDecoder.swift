import NIOCore

/// One unit of an SMTP command stream: a line, or the news that a line went over the limit.
enum SMTPLine: Sendable, Equatable {
    /// A line without its CRLF (a bare LF also ends a line), bytes decoded as UTF-8 with repairs.
    case line(String)
    /// A line longer than the limit; the decoder dropped what it had buffered.
    case overlong
}

/// Splits a TCP byte stream into SMTP lines, never buffering more than `maxLength` bytes of one line.
///
/// RFC 5321 §4.5.3.1.4-6 caps command lines at 512 and text lines at 1000 octets, CRLF included; a
/// client that sends more is broken or hostile, and the catcher answers 500 and closes.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPLine

    /// The longest line accepted, CRLF included.
    let maxLength: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maxLength {
                buffer.moveReaderIndex(to: buffer.writerIndex)
                context.fireChannelRead(wrapInboundOut(.overlong))
            }
            return .needMoreData
        }
        let length = newline - view.startIndex + 1
        var line = buffer.readSlice(length: length)!
        if length > maxLength {
            context.fireChannelRead(wrapInboundOut(.overlong))
            return .continue
        }
        var bytes = line.readBytes(length: line.readableBytes)!
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(.line(String(decoding: bytes, as: UTF8.self))))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A last line without CRLF is not a command; drop it.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
