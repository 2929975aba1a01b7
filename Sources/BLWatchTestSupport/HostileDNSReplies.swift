import DNSWire

/// The bytes ``HostileDNSServer`` sends for each fault: the truth re-addressed, lies, broken messages.
enum HostileDNSReplies {
    /// The real server's reply under the client's ID (byte-exact otherwise).
    static func truth(_ upstream: [UInt8], id: UInt16) -> [UInt8] {
        var bytes = upstream
        guard bytes.count >= 2 else { return bytes }
        bytes[0] = UInt8(id >> 8)
        bytes[1] = UInt8(id & 0xFF)
        return bytes
    }

    /// The opposite of the real reply: NXDOMAIN where the name exists, a listing (A 127.0.0.2, or a
    /// forged TXT) where it does not.
    static func lie(to query: Message, truth upstream: [UInt8]) -> Message {
        let question = query.questions[0]
        let real = try? Message(decoding: upstream)
        let exists = real.map { $0.header.responseCode == .noError && !$0.answers.isEmpty } ?? false
        if exists { return Message.reply(to: query, code: .nameError) }
        let data: RecordData =
            question.type == .txt ? .txt([Array("forged by the hostile server".utf8)]) : .a(IPv4Address(127, 0, 0, 2))
        let record = ResourceRecord(name: question.name, type: question.type == .txt ? .txt : .a, ttl: 60, data: data)
        return Message.reply(to: query, answers: [record])
    }

    /// `lie` under a question about a neighbouring name (its records still name the asked one).
    static func withOtherQuestion(_ lie: Message) -> Message {
        var message = lie
        message.questions[0].name = neighbour(of: lie.questions[0].name)
        return message
    }

    /// NOERROR with an A record outside 127.0.0.0/8 for the asked name (whatever type was asked).
    static func outsideLoopback(_ query: Message, _ random: inout SeededRandom) -> Message {
        let address = IPv4Address(203, 0, 113, UInt8.random(in: 1...254, using: &random))
        return Message.reply(to: query, answers: [ResourceRecord.aRecord(query, address)])
    }

    /// NOERROR with a record of the wrong type for the asked name: TXT or AAAA for A, A for TXT.
    static func wrongType(_ query: Message, _ random: inout SeededRandom) -> Message {
        let name = query.questions[0].name
        let record: ResourceRecord
        if query.questions[0].type == .a {
            record =
                Bool.random(using: &random)
                ? ResourceRecord(name: name, type: .txt, ttl: 60, data: .txt([Array("127.0.0.2".utf8)]))
                : ResourceRecord(name: name, type: .aaaa, ttl: 60, data: .aaaa(IPv6Address(high: 0x2001_0DB8, low: 2)))
        } else {
            record = ResourceRecord.aRecord(query, IPv4Address(127, 0, 0, 2))
        }
        return Message.reply(to: query, answers: [record])
    }

    /// The query's ID followed by 0 to 80 random bytes.
    static func garbage(id: UInt16, _ random: inout SeededRandom) -> [UInt8] {
        [UInt8(id >> 8), UInt8(id & 0xFF)] + (0..<Int.random(in: 0...80, using: &random)).map { _ in random.byte() }
    }

    /// A reply with the right ID whose names cannot be decoded: a pointer to itself, a pointer into its
    /// own name, a forward pointer (to a valid name placed after it), or a loop in the question.
    static func pointerLoop(_ query: Message, _ random: inout SeededRandom) -> [UInt8] {
        let question = query.questions[0]
        let variant = Int.random(in: 0..<4, using: &random)
        var bytes = header(id: query.header.id, answers: variant == 3 ? 0 : 1)
        if variant == 3 {
            // The question's name: one label, then a pointer back to that label's own start.
            bytes += [1, 0x61, 0xC0, 12]
        } else {
            bytes += wire(question.name)
        }
        bytes += [UInt8(question.type.rawValue >> 8), UInt8(question.type.rawValue & 0xFF), 0, 1]
        guard variant != 3 else { return bytes }
        let start = bytes.count
        switch variant {
        case 0: bytes += pointer(to: start)
        case 1: bytes += [1, 0x62] + pointer(to: start)
        default: bytes += [0, 0]  // patched below to point past the record
        }
        // Type A, class IN, TTL 60, 4 bytes of data: the lie 127.0.0.2.
        bytes += [0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 2]
        if variant == 2 {
            let target = pointer(to: bytes.count)
            bytes[start] = target[0]
            bytes[start + 1] = target[1]
            bytes += wire(question.name)
        }
        return bytes
    }

    /// `message` as one TCP frame: a two-byte length, then the bytes.
    static func frame(_ message: [UInt8]) -> [UInt8] {
        [UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
    }

    /// A response header: QR, RD, RA, NOERROR, one question and `answers` answers.
    private static func header(id: UInt16, answers: UInt8) -> [UInt8] {
        [UInt8(id >> 8), UInt8(id & 0xFF), 0x81, 0x80, 0, 1, 0, answers, 0, 0, 0, 0]
    }

    private static func pointer(to offset: Int) -> [UInt8] {
        [0xC0 | UInt8(offset >> 8 & 0x3F), UInt8(offset & 0xFF)]
    }

    /// A name in uncompressed wire form.
    private static func wire(_ name: DomainName) -> [UInt8] {
        name.labels.flatMap { [UInt8($0.count)] + $0 } + [0]
    }

    /// The name with its first label changed: the next address for a numeric label, else one more letter.
    private static func neighbour(of name: DomainName) -> DomainName {
        var labels = name.labels
        guard let first = labels.first else { return name }
        if let number = Int(String(decoding: first, as: UTF8.self)) {
            labels[0] = Array(String((number + 1) % 256).utf8)
        } else if let nibble = Int(String(decoding: first, as: UTF8.self), radix: 16) {
            labels[0] = Array(String((nibble + 1) % 16, radix: 16).utf8)
        } else {
            labels[0] = first + [0x78]
        }
        return (try? DomainName(labels: labels)) ?? name
    }
}
