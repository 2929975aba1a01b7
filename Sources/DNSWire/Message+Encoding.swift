extension Message {
    /// Serializes the message to wire format.
    ///
    /// Owner names, question names and PTR, CNAME and NS targets are compressed. Encoding
    /// never fails: section counts are 16-bit, so a section with more than 65,535 entries is cut
    /// to its first 65,535, and RDATA is limited as described on ``RecordData``.
    ///
    /// - Returns: The message bytes, without the two-byte length prefix used over TCP.
    public func encoded() -> [UInt8] {
        let maxCount = Int(UInt16.max)
        let questions = questions.prefix(maxCount)
        let answers = answers.prefix(maxCount)
        let authorities = authorities.prefix(maxCount)
        let additionals = additionals.prefix(maxCount)

        var writer = WireWriter()
        writer.write(header.id)
        writer.write(header.flags)
        for count in [questions.count, answers.count, authorities.count, additionals.count] {
            writer.write(UInt16(truncatingIfNeeded: count))
        }
        // A lone name has nothing to point at: skip the suffix table (the common case of a query).
        let compress = questions.count + answers.count + authorities.count + additionals.count > 1
        for question in questions {
            writer.write(question.name, compress: compress)
            writer.write(question.type.rawValue)
            writer.write(question.recordClass.rawValue)
        }
        for record in answers + authorities + additionals {
            writer.write(record)
        }
        return writer.bytes
    }
}

extension WireWriter {
    mutating func write(_ record: ResourceRecord) {
        write(record.name)
        write(record.type.rawValue)
        write(record.recordClass.rawValue)
        write(record.ttl)
        writeLengthPrefixed { writer in
            writer.write(record.data)
        }
    }

    /// Writes RDATA, keeping it within the 65,535 bytes that RDLENGTH can describe.
    mutating func write(_ data: RecordData) {
        switch data {
        case .a(let address):
            write(address.octets)
        case .aaaa(let address):
            write(address.bytes)
        case .ptr(let name), .cname(let name), .ns(let name):
            write(name)
        case .txt(let strings):
            write(Self.characterStrings(strings))
        case .other(let bytes):
            write(Array(bytes.prefix(Int(UInt16.max))))
        }
    }

    /// Encodes TXT strings as `<length><bytes>` pieces of at most 255 bytes each.
    ///
    /// An empty list becomes one empty string (RFC 1035 §3.3.14 needs at least one). Pieces that
    /// would take the RDATA past 65,535 bytes are dropped.
    static func characterStrings(_ strings: [[UInt8]]) -> [UInt8] {
        var rdata: [UInt8] = []
        var pieces: [ArraySlice<UInt8>] = []
        for string in strings {
            if string.isEmpty {
                pieces.append([])
            }
            var start = string.startIndex
            while start < string.endIndex {
                let end = string.index(start, offsetBy: 255, limitedBy: string.endIndex) ?? string.endIndex
                pieces.append(string[start..<end])
                start = end
            }
        }
        if pieces.isEmpty {
            pieces.append([])
        }
        for piece in pieces {
            guard rdata.count + 1 + piece.count <= Int(UInt16.max) else {
                break
            }
            rdata.append(UInt8(truncatingIfNeeded: piece.count))
            rdata.append(contentsOf: piece)
        }
        return rdata
    }
}
