import Testing

@testable import DNSWire

/// Encoding: every fixture value must produce exactly its fixture bytes.
struct EncodingTests {
    @Test(arguments: WireFixtures.names)
    func encodesName(name: DomainName, bytes: [UInt8]) {
        var writer = WireWriter()
        writer.write(name)
        #expect(writer.bytes == bytes)
        #expect(name.wireLength == bytes.count)
    }

    @Test(arguments: WireFixtures.records)
    func encodesRecord(record: ResourceRecord, bytes: [UInt8]) {
        var writer = WireWriter()
        writer.write(record)
        #expect(writer.bytes == bytes)
    }

    @Test(arguments: WireFixtures.messages)
    func encodesMessage(message: Message, bytes: [UInt8]) {
        #expect(message.encoded() == bytes)
    }

    @Test func compressesRepeatedSuffixesAndKeepsCase() throws {
        var writer = WireWriter()
        writer.write(try DomainName("mail.Example.org"))
        writer.write(try DomainName("www.example.org"))
        writer.write(try DomainName("Example.org"))
        writer.write(try DomainName("org"))
        // "Example.org." starts at offset 5, "org." at 13. Lower-case "example" is a different
        // spelling, so it is written out and pointed at "org." instead.
        let expected: [UInt8] =
            WireFixtures.wire("mail.Example.org")
            + [0x03, 0x77, 0x77, 0x77, 0x07] + Array("example".utf8) + [0xC0, 0x0D]
            + [0xC0, 0x05]
            + [0xC0, 0x0D]
        #expect(writer.bytes == expected)
    }

    @Test func doesNotPointBeyondFourteenBits() throws {
        var writer = WireWriter()
        writer.write(Array(repeating: 0, count: 0x4000))
        let name = try DomainName("far.example")
        writer.write(name)
        writer.write(name)
        #expect(writer.bytes.count == 0x4000 + 2 * name.wireLength)
    }

    @Test func writesEmptyTextAsOneEmptyString() {
        #expect(WireWriter.characterStrings([]) == [0x00])
        #expect(WireWriter.characterStrings([[]]) == [0x00])
    }

    @Test func splitsLongTextIntoCharacterStrings() {
        let text = [UInt8](repeating: 0x41, count: 600)
        let rdata = WireWriter.characterStrings([text])
        #expect(rdata.count == 603)
        #expect(rdata[0] == 255)
        #expect(rdata[256] == 255)
        #expect(rdata[512] == 90)
    }

    @Test func capsTextAndOpaqueDataAtSixtyFourKiB() {
        let huge = [UInt8](repeating: 0x41, count: 70_000)
        #expect(WireWriter.characterStrings([huge]).count == 256 * 255)
        var writer = WireWriter()
        writer.write(ResourceRecord(name: .root, type: .txt, ttl: 0, data: .other(huge)))
        #expect(writer.bytes.count == 11 + 65_535)
        #expect(Array(writer.bytes[9..<11]) == [0xFF, 0xFF])
    }

    @Test func queryHasOneQuestionAndRecursionFlag() throws {
        let name = try DomainName("example.org")
        let query = Message.query(id: 9, name: name, type: .txt, recursionDesired: false)
        #expect(query.header == Header(id: 9))
        #expect(query.questions == [Question(name: name, type: .txt)])
        #expect(query.answers.isEmpty && query.authorities.isEmpty && query.additionals.isEmpty)
        #expect(Array(query.encoded()[2..<4]) == [0x00, 0x00])
    }

    @Test func masksOpcodeAndResponseCodeToFourBits() {
        let message = Message(header: Header(opcode: 0xFF, responseCode: ResponseCode(rawValue: 0x1F)))
        #expect(Array(message.encoded()[2..<4]) == [0x78, 0x0F])
    }

    @Test(arguments: [
        (RecordType.a, "A"), (.ns, "NS"), (.cname, "CNAME"), (.soa, "SOA"), (.ptr, "PTR"), (.mx, "MX"),
        (.txt, "TXT"), (.aaaa, "AAAA"), (.opt, "OPT"), (RecordType(rawValue: 123), "TYPE123"),
    ])
    func describesRecordType(type: RecordType, text: String) {
        #expect(type.description == text)
    }

    @Test(arguments: [
        (ResponseCode.noError, "NOERROR"), (.formatError, "FORMERR"), (.serverFailure, "SERVFAIL"),
        (.nameError, "NXDOMAIN"), (.notImplemented, "NOTIMP"), (.refused, "REFUSED"),
        (ResponseCode(rawValue: 9), "RCODE9"),
    ])
    func describesResponseCode(code: ResponseCode, text: String) {
        #expect(code.description == text)
    }

    @Test func describesRecordClass() {
        #expect(RecordClass.internet.description == "IN")
        #expect(RecordClass(rawValue: 3).description == "CLASS3")
    }
}
