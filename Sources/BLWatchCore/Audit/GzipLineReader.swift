import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a plain or gzip-compressed text file line by line, in bounded memory.
///
/// Rotated MTA logs (`mainlog.2.gz`, `mail.log.3.gz`) are read without a shell or a child
/// process: the file is inflated through zlib in 64 KiB chunks, so a log of any size needs the
/// same little memory. Compression is recognised by the gzip magic bytes, not the file name.
/// A line longer than `maxLineLength` bytes is skipped whole and counted; a truncated or corrupt
/// gzip stream ends the read with a ``Problem``, and every line read before it still counts.
public struct GzipLineReader: Sendable {
    /// Why a read ended early.
    public enum Problem: Sendable, Equatable {
        /// The compressed stream stops before its end (an interrupted copy or rotation).
        case truncated
        /// zlib refused the data, with its message.
        case corrupt(String)
        /// `read(2)` failed, with the errno text.
        case readFailed(String)
    }

    /// What one read saw.
    public struct Summary: Sendable, Equatable {
        /// Lines handed to the body (the last one may lack its newline).
        public var lines = 0
        /// Lines longer than the cap, skipped.
        public var skippedLongLines = 0
        /// Whether the file was gzip-compressed.
        public var compressed = false
        /// Why the read stopped before the end of the file, if it did.
        public var problem: Problem?
    }

    /// Why a file could not be opened.
    public struct OpenError: Error, Sendable, Equatable {
        /// The path given.
        public var path: String
        /// The errno text, such as "No such file or directory".
        public var reason: String
    }

    /// The file read.
    public let path: String
    /// The longest line, in bytes without its newline, that is handed to the body.
    public let maxLineLength: Int

    /// Creates a reader; nothing is opened until ``forEachLine(_:)``.
    /// - Parameters:
    ///   - path: the file.
    ///   - maxLineLength: longer lines are skipped and counted (default 64 KiB).
    public init(path: String, maxLineLength: Int = 65_536) {
        self.path = path
        self.maxLineLength = max(1, maxLineLength)
    }

    /// Calls `body` with every line of the file, without its `\n` or `\r\n`.
    ///
    /// Bytes that are not UTF-8 become U+FFFD, so binary garbage yields odd lines, never a trap.
    /// - Parameter body: called once per line, in order.
    /// - Returns: the counts, and the problem that ended the read early, if any.
    /// - Throws: ``OpenError`` when the file cannot be opened.
    @discardableResult
    public func forEachLine(_ body: (String) -> Void) throws -> Summary {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OpenError(path: path, reason: Self.errnoText()) }
        defer { close(fd) }
        return withoutActuallyEscaping(body) { body in
            var splitter = LineSplitter(cap: maxLineLength, body: body)
            return readAll(fd, splitter: &splitter)
        }
    }

    private func readAll(_ fd: Int32, splitter: inout LineSplitter) -> Summary {
        var input = [UInt8](repeating: 0, count: 65_536)
        var summary = Summary()
        let first = readChunk(fd, into: &input)
        guard first.count > 0 else {
            summary.problem = first.problem
            return summary
        }
        if first.count >= 2, input[0] == 0x1f, input[1] == 0x8b {
            summary.compressed = true
            summary.problem = inflateAll(fd, input: &input, firstCount: first.count, splitter: &splitter)
        } else {
            input.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[..<first.count])) }
            summary.problem = copyAll(fd, input: &input, splitter: &splitter)
        }
        splitter.finish()
        summary.lines = splitter.lines
        summary.skippedLongLines = splitter.skipped
        return summary
    }

    private func copyAll(_ fd: Int32, input: inout [UInt8], splitter: inout LineSplitter) -> Problem? {
        while true {
            let chunk = readChunk(fd, into: &input)
            guard chunk.count > 0 else { return chunk.problem }
            input.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[..<chunk.count])) }
        }
    }

    /// Inflates every gzip member (concatenated members are legal and `cat a.gz b.gz` makes them).
    private func inflateAll(
        _ fd: Int32,
        input: inout [UInt8],
        firstCount: Int,
        splitter: inout LineSplitter
    ) -> Problem? {
        var stream = z_stream()
        guard blwatch_inflate_init_gzip(&stream) == Z_OK else { return .corrupt("inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 65_536)
        var available = firstCount
        var offset = 0
        var ended = false
        while true {
            if offset == available {
                let chunk = readChunk(fd, into: &input)
                if let problem = chunk.problem { return problem }
                if chunk.count == 0 { return ended ? nil : .truncated }
                (available, offset) = (chunk.count, 0)
            }
            if ended {
                guard inflateReset(&stream) == Z_OK else { return .corrupt("inflateReset failed") }
                ended = false
            }
            let step = inflateStep(&stream, input: &input, range: offset..<available, output: &output)
            offset += step.consumed
            output.withUnsafeBytes { splitter.feed(UnsafeRawBufferPointer(rebasing: $0[..<step.produced])) }
            switch step.status {
            case Z_STREAM_END: ended = true
            case Z_OK, Z_BUF_ERROR: break
            default: return .corrupt(Self.zlibMessage(stream, status: step.status))
            }
        }
    }

    private func inflateStep(
        _ stream: inout z_stream,
        input: inout [UInt8],
        range: Range<Int>,
        output: inout [UInt8]
    ) -> (consumed: Int, produced: Int, status: Int32) {
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress! + range.lowerBound
                stream.avail_in = UInt32(range.count)
                stream.next_out = outBuffer.baseAddress!
                stream.avail_out = UInt32(outBuffer.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                let consumed = range.count - Int(stream.avail_in)
                let produced = outBuffer.count - Int(stream.avail_out)
                stream.next_in = nil
                stream.next_out = nil
                return (consumed, produced, status)
            }
        }
    }

    private func readChunk(_ fd: Int32, into buffer: inout [UInt8]) -> (count: Int, problem: Problem?) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count >= 0 { return (count, nil) }
            if errno == EINTR { continue }
            return (0, .readFailed(Self.errnoText()))
        }
    }

    private static func zlibMessage(_ stream: z_stream, status: Int32) -> String {
        if let message = stream.msg { return String(cString: message) }
        return "zlib status \(status)"
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

/// Cuts a byte stream into lines, dropping (and counting) lines longer than a cap.
private struct LineSplitter {
    let cap: Int
    let body: (String) -> Void
    var current: [UInt8] = []
    var overflowing = false
    var lines = 0
    var skipped = 0

    init(cap: Int, body: @escaping (String) -> Void) {
        self.cap = cap
        self.body = body
        current.reserveCapacity(min(cap, 4096))
    }

    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0a) else {
                append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                return
            }
            append(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
            endLine()
            start = newline + 1
        }
    }

    /// Hands over a last line that has no newline.
    mutating func finish() {
        if !current.isEmpty || overflowing { endLine() }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !overflowing else { return }
        // One byte of slack for the `\r` of a CRLF line that is exactly at the cap.
        if current.count + bytes.count > cap + 1 {
            overflowing = true
            current.removeAll(keepingCapacity: true)
        } else {
            current.append(contentsOf: bytes)
        }
    }

    private mutating func endLine() {
        if current.last == 0x0d { current.removeLast() }
        if overflowing || current.count > cap {
            skipped += 1
        } else {
            lines += 1
            body(String(decoding: current, as: UTF8.self))
        }
        overflowing = false
        current.removeAll(keepingCapacity: true)
    }
}
