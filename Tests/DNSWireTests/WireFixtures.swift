@testable import DNSWire

/// `(value, bytes)` fixture lists shared by the encoding and decoding tests (hickory `bin_tests.rs`).
///
/// Each list drives both directions: encoding the value must give exactly the bytes, and
/// decoding the bytes must give exactly the value.
enum WireFixtures {
    /// Builds a fixture name without going through the parser under test.
    static func name(_ text: String) -> DomainName {
        DomainName(validatedLabels: text.split(separator: ".").map { Array($0.utf8) })
    }

    /// Length-prefixed label bytes for a dotted name, root byte included.
    static func wire(_ text: String) -> [UInt8] {
        text.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    /// Names written at offset 0 of a fresh message, so nothing can be compressed.
    static let names: [(DomainName, [UInt8])] = [
        (.root, [0x00]),
        (name("a"), [0x01, 0x61, 0x00]),
        (
            name("bl.example.org"),
            [0x02, 0x62, 0x6C, 0x07, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0x03, 0x6F, 0x72, 0x67, 0x00]
        ),
        (
            name("2.0.0.127.zen.Example"),
            [0x01, 0x32, 0x01, 0x30, 0x01, 0x30, 0x03, 0x31, 0x32, 0x37, 0x03, 0x7A, 0x65, 0x6E]
                + [0x07, 0x45, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0x00]
        ),
        (name(String(repeating: "x", count: 63)), [0x3F] + Array(repeating: 0x78, count: 63) + [0x00]),
    ]

    /// Single records written at offset 0; the last one compresses its PTR target into its owner.
    static let records: [(ResourceRecord, [UInt8])] = [
        (
            ResourceRecord(name: name("x"), type: .a, ttl: 300, data: .a(IPv4Address(127, 0, 0, 2))),
            [0x01, 0x78, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x00, 0x04, 0x7F, 0x00, 0x00, 0x02]
        ),
        (
            ResourceRecord(
                name: .root,
                type: .aaaa,
                ttl: 0xFFFF_FFFF,
                data: .aaaa(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 1))
            ),
            [0x00, 0x00, 0x1C, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x10]
                + [0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01]
        ),
        (
            ResourceRecord(name: .root, type: .txt, ttl: 60, data: .txt([Array("v=1".utf8), [], Array("ok".utf8)])),
            [
                0x00, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x08, 0x03, 0x76, 0x3D, 0x31, 0x00, 0x02,
                0x6F, 0x6B,
            ]
        ),
        (
            ResourceRecord(name: .root, type: .cname, ttl: 1, data: .cname(name("b"))),
            [0x00, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x03, 0x01, 0x62, 0x00]
        ),
        (
            ResourceRecord(name: .root, type: .ns, ttl: 1, data: .ns(name("ns"))),
            [0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x04, 0x02, 0x6E, 0x73, 0x00]
        ),
        (
            ResourceRecord(name: .root, type: .mx, ttl: 7, data: .other([0x00, 0x0A, 0x00])),
            [0x00, 0x00, 0x0F, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07, 0x00, 0x03, 0x00, 0x0A, 0x00]
        ),
        (
            // EDNS(0) OPT: class is the UDP payload size (4096), TTL holds the extended flags.
            ResourceRecord(
                name: .root,
                type: .opt,
                recordClass: RecordClass(rawValue: 4096),
                ttl: 0x8000,
                data: .other([])
            ),
            [0x00, 0x00, 0x29, 0x10, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00]
        ),
        (
            // Owner "a.example." at 0; the target "b.example." points back at "example." (offset 2).
            ResourceRecord(name: name("a.example"), type: .ptr, ttl: 3600, data: .ptr(name("b.example"))),
            wire("a.example") + [0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x04, 0x01, 0x62, 0xC0, 0x02]
        ),
    ]

    /// A TXT reason longer than 255 bytes, which rbldnsd splits into 255-byte character-strings.
    static let listingText = Array(
        ("Listed, see http://example.test/lookup?ip=127.0.0.2 " + String(repeating: "padding ", count: 31)).utf8
    )

    /// A hand-assembled rbldnsd answer for `2.0.0.127.bl.test. A`: AA and RD set, A 127.0.0.2, and
    /// the reason as a TXT record of two strings. Owner names point at the question name (0x0C).
    static let rbldnsdAnswer: [UInt8] =
        [0x12, 0x34, 0x85, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00]
        + wire("2.0.0.127.bl.test") + [0x00, 0x01, 0x00, 0x01]
        + [0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x07, 0x08, 0x00, 0x04, 0x7F, 0x00, 0x00, 0x02]
        + [0xC0, 0x0C, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00, 0x07, 0x08, 0x01, 0x2E]
        + [0xFF] + Array(listingText[0..<255]) + [UInt8(listingText.count - 255)] + Array(listingText[255...])

    static let rbldnsdAnswerMessage = Message(
        header: Header(id: 0x1234, isResponse: true, isAuthoritative: true, recursionDesired: true),
        questions: [Question(name: name("2.0.0.127.bl.test"), type: .a)],
        answers: [
            ResourceRecord(name: name("2.0.0.127.bl.test"), type: .a, ttl: 1800, data: .a(IPv4Address(127, 0, 0, 2))),
            ResourceRecord(
                name: name("2.0.0.127.bl.test"),
                type: .txt,
                ttl: 1800,
                data: .txt([Array(listingText[0..<255]), Array(listingText[255...])])
            ),
        ]
    )

    /// Whole messages: a query, every header flag, an NXDOMAIN with an SOA, and the rbldnsd answer.
    static let messages: [(Message, [UInt8])] = [
        (
            Message.query(id: 0x1234, name: name("2.0.0.127.zen.example"), type: .a),
            [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
                + wire("2.0.0.127.zen.example") + [0x00, 0x01, 0x00, 0x01]
        ),
        (
            Message(
                header: Header(
                    id: 0xBEEF,
                    isResponse: true,
                    opcode: 2,
                    isAuthoritative: true,
                    isTruncated: true,
                    recursionDesired: true,
                    recursionAvailable: true,
                    authenticData: true,
                    checkingDisabled: true,
                    responseCode: .refused
                )
            ),
            [0xBE, 0xEF, 0x97, 0xB5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        ),
        (
            Message(
                header: Header(
                    id: 7,
                    isResponse: true,
                    recursionDesired: true,
                    recursionAvailable: true,
                    responseCode: .nameError
                ),
                questions: [Question(name: name("4.3.2.1.bl.test"), type: .txt)],
                authorities: [
                    ResourceRecord(
                        name: name("bl.test"),
                        type: .soa,
                        ttl: 60,
                        data: .other([0xC0, 0x14, 0xC0, 0x14, 0, 0, 0, 1])
                    )
                ]
            ),
            [0x00, 0x07, 0x81, 0x83, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]
                + wire("4.3.2.1.bl.test") + [0x00, 0x10, 0x00, 0x01]
                + [
                    0xC0, 0x14, 0x00, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C, 0x00, 0x08, 0xC0, 0x14, 0xC0, 0x14, 0,
                    0, 0, 1,
                ]
        ),
        (rbldnsdAnswerMessage, rbldnsdAnswer),
    ]

    /// Decodes `bytes` with the library's reader, expecting exactly one name that fills them.
    static func decodeName(_ bytes: [UInt8]) throws(DNSWireError) -> (DomainName, Int) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DNSWireError) in
                var reader = WireReader(buffer)
                return (try reader.readName(), reader.offset)
            }
        }
        return try result.get()
    }

    /// Decodes one record at offset 0, returning it and the offset after it.
    static func decodeRecord(_ bytes: [UInt8]) throws(DNSWireError) -> (ResourceRecord, Int) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(DNSWireError) in
                var reader = WireReader(buffer)
                return (try reader.readRecord(), reader.offset)
            }
        }
        return try result.get()
    }
}
