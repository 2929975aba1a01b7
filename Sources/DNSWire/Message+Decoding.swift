extension Message {
    /// Decodes a message received from the network.
    ///
    /// The bytes are untrusted: every read is bounds-checked and every failure is a
    /// ``DNSWireError`` with the offset where it happened; no input traps. Bytes after the last
    /// record are ignored, because some servers and middleboxes pad datagrams; use
    /// ``init(decoding:allowingTrailingBytes:)-([UInt8],_)`` to reject them.
    ///
    /// - Parameter bytes: One whole message, without a TCP length prefix.
    /// - Throws: ``DNSWireError`` describing the first problem found.
    public init(decoding bytes: [UInt8]) throws(DNSWireError) {
        try self.init(decoding: bytes, allowingTrailingBytes: true)
    }

    /// Decodes a message from a buffer the caller already holds, without copying it first.
    ///
    /// Behaves exactly like ``init(decoding:)-([UInt8])``, trailing bytes included.
    ///
    /// - Parameter bytes: One whole message; it is only read during the call.
    /// - Throws: ``DNSWireError`` describing the first problem found.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(DNSWireError) {
        try self.init(decoding: bytes, allowingTrailingBytes: true)
    }

    /// Decodes a message, choosing whether bytes after the last record are an error.
    ///
    /// - Parameters:
    ///   - bytes: One whole message, without a TCP length prefix.
    ///   - allowingTrailingBytes: `false` to throw ``DNSWireError/Code/trailingBytes`` on padding.
    /// - Throws: ``DNSWireError`` describing the first problem found.
    public init(decoding bytes: [UInt8], allowingTrailingBytes: Bool) throws(DNSWireError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DNSWireError) in
                try Message(decoding: buffer, allowingTrailingBytes: allowingTrailingBytes)
            }
        }
        self = try result.get()
    }

    /// Decodes a message from a borrowed buffer, choosing whether trailing bytes are an error.
    ///
    /// - Parameters:
    ///   - bytes: One whole message; it is only read during the call.
    ///   - allowingTrailingBytes: `false` to throw ``DNSWireError/Code/trailingBytes`` on padding.
    /// - Throws: ``DNSWireError`` describing the first problem found.
    public init(decoding bytes: UnsafeRawBufferPointer, allowingTrailingBytes: Bool) throws(DNSWireError) {
        var reader = WireReader(bytes)
        let id = try reader.readUInt16()
        let header = Header(id: id, flags: try reader.readUInt16())
        let questionCount = Int(try reader.readUInt16())
        let recordCounts = [Int(try reader.readUInt16()), Int(try reader.readUInt16()), Int(try reader.readUInt16())]
        // A question needs at least 5 bytes and a record 11 (a root or pointer name plus fixed
        // fields). Checking up front stops hostile counts from driving long loops.
        let minimum = questionCount * 5 + recordCounts.reduce(0, +) * 11
        guard minimum <= reader.remaining else {
            throw .truncated(at: reader.offset, "counts need at least \(minimum) bytes, \(reader.remaining) left")
        }
        var questions: [Question] = []
        for _ in 0..<questionCount {
            questions.append(try reader.readQuestion())
        }
        var sections: [[ResourceRecord]] = []
        for count in recordCounts {
            var records: [ResourceRecord] = []
            for _ in 0..<count {
                records.append(try reader.readRecord())
            }
            sections.append(records)
        }
        guard allowingTrailingBytes || reader.remaining == 0 else {
            throw DNSWireError(.trailingBytes, at: reader.offset, "\(reader.remaining) bytes after the last record")
        }
        self.init(
            header: header,
            questions: questions,
            answers: sections[0],
            authorities: sections[1],
            additionals: sections[2]
        )
    }
}

extension WireReader {
    mutating func readQuestion() throws(DNSWireError) -> Question {
        let name = try readName()
        let type = RecordType(rawValue: try readUInt16())
        let recordClass = RecordClass(rawValue: try readUInt16())
        return Question(name: name, type: type, recordClass: recordClass)
    }

    mutating func readRecord() throws(DNSWireError) -> ResourceRecord {
        let name = try readName()
        let type = RecordType(rawValue: try readUInt16())
        let recordClass = RecordClass(rawValue: try readUInt16())
        let ttl = try readUInt32()
        let length = Int(try readUInt16())
        guard length <= remaining else {
            throw .truncated(at: offset, "record data needs \(length) bytes, \(remaining) left")
        }
        let data = try readRecordData(type: type, length: length)
        return ResourceRecord(name: name, type: type, recordClass: recordClass, ttl: ttl, data: data)
    }

    /// Reads RDATA that must fill exactly `length` bytes; the caller checked they exist.
    mutating func readRecordData(type: RecordType, length: Int) throws(DNSWireError) -> RecordData {
        let start = offset
        let end = start + length
        switch type {
        case .a:
            guard length == 4 else {
                throw DNSWireError(.badRecordData, at: start, "A data has \(length) bytes, expected 4")
            }
            let octets = try readBytes(4)
            return .a(IPv4Address(octets[0], octets[1], octets[2], octets[3]))
        case .aaaa:
            guard length == 16 else {
                throw DNSWireError(.badRecordData, at: start, "AAAA data has \(length) bytes, expected 16")
            }
            guard let address = IPv6Address(bytes: try readBytes(16)) else {
                throw DNSWireError(.badRecordData, at: start, "AAAA data is not 16 bytes")
            }
            return .aaaa(address)
        case .ptr, .cname, .ns:
            let name = try readName()
            guard offset == end else {
                throw DNSWireError(.badRecordData, at: start, "\(type) name ends at \(offset), data at \(end)")
            }
            switch type {
            case .ptr: return .ptr(name)
            case .cname: return .cname(name)
            default: return .ns(name)
            }
        case .txt:
            return .txt(try readCharacterStrings(end: end))
        default:
            return .other(try readBytes(length))
        }
    }

    /// Reads TXT character-strings until `end`; RFC 1035 §3.3.14 requires at least one.
    private mutating func readCharacterStrings(end: Int) throws(DNSWireError) -> [[UInt8]] {
        guard offset < end else {
            throw DNSWireError(.badText, at: offset, "TXT data is empty")
        }
        var strings: [[UInt8]] = []
        while offset < end {
            let lengthOffset = offset
            let count = Int(try readUInt8())
            guard count <= end - offset else {
                throw DNSWireError(
                    .badText,
                    at: lengthOffset,
                    "string of \(count) bytes overruns the data by \(count - (end - offset))"
                )
            }
            strings.append(try readBytes(count))
        }
        return strings
    }
}
