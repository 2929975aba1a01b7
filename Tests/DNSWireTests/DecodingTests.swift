import Testing

@testable import DNSWire

/// Decoding: fixture bytes give exactly their values, and malformed input gives exact error codes.
struct DecodingTests {
    /// A response header with `qdcount` 1 and nothing else, for hand-built names at offset 12.
    static let oneQuestionHeader: [UInt8] = [0xAB, 0xCD, 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]

    @Test(arguments: WireFixtures.names)
    func decodesName(name: DomainName, bytes: [UInt8]) throws {
        let (decoded, end) = try WireFixtures.decodeName(bytes)
        #expect(decoded == name)
        #expect(decoded.description == name.description)
        #expect(end == bytes.count)
    }

    @Test(arguments: WireFixtures.records)
    func decodesRecord(record: ResourceRecord, bytes: [UInt8]) throws {
        let (decoded, end) = try WireFixtures.decodeRecord(bytes)
        #expect(decoded == record)
        #expect(end == bytes.count)
    }

    @Test(arguments: WireFixtures.messages)
    func decodesMessage(message: Message, bytes: [UInt8]) throws {
        #expect(try Message(decoding: bytes) == message)
        let fromBuffer = try bytes.withUnsafeBytes { buffer in try Message(decoding: buffer) }
        #expect(fromBuffer == message)
    }

    @Test func decodesRbldnsdAnswer() throws {
        let message = try Message(decoding: WireFixtures.rbldnsdAnswer)
        #expect(message.header.id == 0x1234)
        #expect(message.header.isResponse && message.header.isAuthoritative && message.header.recursionDesired)
        #expect(!message.header.recursionAvailable && !message.header.isTruncated)
        #expect(message.header.responseCode == .noError)
        #expect(message.questions.map(\.name.description) == ["2.0.0.127.bl.test."])
        #expect(message.answers.map(\.type) == [.a, .txt])
        #expect(message.answers.map(\.ttl) == [1800, 1800])
        #expect(message.answers[0].data == .a(IPv4Address(127, 0, 0, 2)))
        guard case .txt(let strings) = message.answers[1].data else {
            Issue.record("expected TXT data, got \(message.answers[1].data)")
            return
        }
        #expect(strings.map(\.count) == [255, 45])
        #expect(strings.joined().elementsEqual(WireFixtures.listingText))
    }

    @Test func followsPointerIntoMiddleOfName() throws {
        // Question "2.0.0.127.bl.test." at 12; "bl.test." starts at 22 (0x16). The PTR target is
        // "host." followed by a pointer to 22, and the owner is a bare pointer to 12.
        let bytes: [UInt8] =
            [0x00, 0x01, 0x80, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            + WireFixtures.wire("2.0.0.127.bl.test") + [0x00, 0x0C, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x07]
            + [0x04, 0x68, 0x6F, 0x73, 0x74, 0xC0, 0x16]
        let message = try Message(decoding: bytes)
        #expect(message.answers.first?.name.description == "2.0.0.127.bl.test.")
        #expect(message.answers.first?.data == .ptr(try DomainName("host.bl.test")))
    }

    @Test func followsChainedPointers() throws {
        // "a." at 12, "b." + pointer to 12 at 18, then an answer owner "c." + pointer to 18.
        let bytes: [UInt8] =
            [0x00, 0x01, 0x80, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            + [0x01, 0x61, 0x00, 0x00, 0x01, 0x00, 0x01]
            + [0x01, 0x62, 0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01]
            + [
                0x01, 0x63, 0xC0, 0x13, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x0A, 0x00, 0x00,
                0x01,
            ]
        let message = try Message(decoding: bytes)
        #expect(message.questions.map(\.name.description) == ["a.", "b.a."])
        #expect(message.answers.first?.name.description == "c.b.a.")
        #expect(message.answers.first?.data == .a(IPv4Address(10, 0, 0, 1)))
    }

    @Test(arguments: [
        // A pointer to itself.
        ("self pointer", [0xC0, 0x0C] as [UInt8], DNSWireError.Code.badPointer, 12),
        // A pointer past its own position.
        ("forward pointer", [0xC0, 0x20], .badPointer, 12),
        // "a" then a pointer back to the start of the same name: a loop.
        ("pointer loop", [0x01, 0x61, 0xC0, 0x0C], .pointerLoop, 14),
        // Label types 0b01 and 0b10 are not supported.
        ("extended label", [0x41, 0x61], .invalidName, 12),
        ("reserved label", [0x80, 0x61], .invalidName, 12),
        // A label claiming more bytes than the message has.
        ("label overrun", [0x3F, 0x61], .truncated, 13),
        // A pointer cut after its first byte.
        ("half pointer", [0xC0], .truncated, 12),
    ])
    func rejectsBadName(_ note: String, nameBytes: [UInt8], code: DNSWireError.Code, offset: Int) {
        let bytes = Self.oneQuestionHeader + nameBytes + [0x00, 0x01, 0x00, 0x01].prefix(nameBytes.count > 1 ? 4 : 0)
        let error = #expect(throws: DNSWireError.self, "\(note)") { try Message(decoding: bytes) }
        #expect(error?.code == code, "\(note)")
        #expect(error?.offset == offset, "\(note)")
    }

    @Test func rejectsNameLongerThan255Bytes() {
        let label: [UInt8] = [0x3F] + Array(repeating: 0x61, count: 63)
        let bytes = Self.oneQuestionHeader + label + label + label + label + [0x00, 0x00, 0x01, 0x00, 0x01]
        let error = #expect(throws: DNSWireError.self) { try Message(decoding: bytes) }
        #expect(error?.code == .nameTooLong)
        #expect(error?.offset == 12 + 3 * 64)
    }

    @Test(arguments: 0..<WireFixtures.rbldnsdAnswer.count)
    func rejectsEveryTruncation(length: Int) {
        let bytes = Array(WireFixtures.rbldnsdAnswer.prefix(length))
        let error = #expect(throws: DNSWireError.self) { try Message(decoding: bytes) }
        #expect(error?.code == .truncated)
        #expect((error?.offset ?? -1) <= length)
    }

    @Test func rejectsCountsLargerThanTheMessage() {
        let bytes: [UInt8] = [0x00, 0x01, 0x80, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
        let error = #expect(throws: DNSWireError.self) { try Message(decoding: bytes) }
        #expect(error?.code == .truncated)
        #expect(error?.offset == 12)
    }

    /// One root-owned record of `type` with the given RDLENGTH and RDATA, after an empty question section.
    static func answer(type: UInt16, rdlength: UInt16, rdata: [UInt8]) -> [UInt8] {
        [0x00, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            + [0x00, UInt8(type >> 8), UInt8(type & 0xFF), 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]
            + [UInt8(rdlength >> 8), UInt8(rdlength & 0xFF)] + rdata
    }

    @Test(arguments: [
        (
            "A with 5 bytes", answer(type: 1, rdlength: 5, rdata: [127, 0, 0, 2, 0]), DNSWireError.Code.badRecordData,
            23
        ),
        ("A with 3 bytes", answer(type: 1, rdlength: 3, rdata: [127, 0, 0]), .badRecordData, 23),
        ("AAAA with 4 bytes", answer(type: 28, rdlength: 4, rdata: [127, 0, 0, 2]), .badRecordData, 23),
        (
            "PTR name shorter than data", answer(type: 12, rdlength: 4, rdata: [0x01, 0x61, 0x00, 0x00]),
            .badRecordData, 23
        ),
        ("CNAME name longer than data", answer(type: 5, rdlength: 2, rdata: [0x01, 0x61, 0x00]), .badRecordData, 23),
        ("NS name past the end", answer(type: 2, rdlength: 2, rdata: [0x01, 0x61]), .truncated, 25),
        ("empty TXT", answer(type: 16, rdlength: 0, rdata: []), .badText, 23),
        ("TXT string overruns data", answer(type: 16, rdlength: 3, rdata: [0x03, 0x61, 0x62, 0x63]), .badText, 23),
        ("TXT second string overruns", answer(type: 16, rdlength: 4, rdata: [0x01, 0x61, 0x02, 0x62]), .badText, 25),
        ("RDLENGTH past the end", answer(type: 99, rdlength: 9, rdata: [1, 2, 3]), .truncated, 23),
    ])
    func rejectsBadRecordData(_ note: String, bytes: [UInt8], code: DNSWireError.Code, offset: Int) {
        let error = #expect(throws: DNSWireError.self, "\(note)") { try Message(decoding: bytes) }
        #expect(error?.code == code, "\(note)")
        #expect(error?.offset == offset, "\(note)")
    }

    @Test func keepsUnknownAndOptDataRaw() throws {
        let unknown = try Message(decoding: Self.answer(type: 99, rdlength: 3, rdata: [1, 2, 3]))
        #expect(unknown.answers.first?.data == .other([1, 2, 3]))
        #expect(unknown.answers.first?.type == RecordType(rawValue: 99))
        let opt = try Message(decoding: Self.answer(type: 41, rdlength: 0, rdata: []))
        #expect(opt.answers.first?.data == .other([]))
    }

    @Test func ignoresTrailingBytesUnlessAskedNotTo() throws {
        let padded = WireFixtures.rbldnsdAnswer + [0x00, 0x00, 0x00]
        #expect(try Message(decoding: padded) == WireFixtures.rbldnsdAnswerMessage)
        let error = #expect(throws: DNSWireError.self) { try Message(decoding: padded, allowingTrailingBytes: false) }
        #expect(error?.code == .trailingBytes)
        #expect(error?.offset == WireFixtures.rbldnsdAnswer.count)
        #expect(
            try Message(decoding: WireFixtures.rbldnsdAnswer, allowingTrailingBytes: false)
                == WireFixtures.rbldnsdAnswerMessage
        )
    }

    @Test func decodesEveryHeaderFlagSeparately() throws {
        let flags: [(UInt16, WritableKeyPath<Header, Bool>)] = [
            (0x8000, \.isResponse), (0x0400, \.isAuthoritative), (0x0200, \.isTruncated), (0x0100, \.recursionDesired),
            (0x0080, \.recursionAvailable), (0x0020, \.authenticData), (0x0010, \.checkingDisabled),
        ]
        for (bit, keyPath) in flags {
            let header = try Message(decoding: [0, 0, UInt8(bit >> 8), UInt8(bit & 0xFF), 0, 0, 0, 0, 0, 0, 0, 0])
                .header
            var expected = Header()
            expected[keyPath: keyPath] = true
            #expect(header == expected, "flag 0x\(String(bit, radix: 16))")
        }
        let opcodeAndZ = try Message(decoding: [0, 0, 0x28, 0x41, 0, 0, 0, 0, 0, 0, 0, 0]).header
        #expect(opcodeAndZ == Header(opcode: 5, responseCode: .formatError))
    }

    @Test func describesErrorsWithOffset() {
        #expect(
            DNSWireError.truncated(at: 12, "need a byte, 0 left").description
                == "dns: truncated message at offset 12: need a byte, 0 left"
        )
        #expect(DNSWireError(.invalidName, "empty label").description == "dns: invalid name: empty label")
        #expect(DNSWireError(.badText, at: 3, "x") == DNSWireError(.badText))
        #expect(DNSWireError(.badText) != DNSWireError(.badRecordData))
    }
}
