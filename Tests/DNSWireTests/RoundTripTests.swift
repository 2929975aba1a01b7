import BLWatchTestSupport
import DNSWire
import Testing

/// Encode-then-decode gives back the same value, for every record type and for addresses as text.
struct RoundTripTests {
    static func name(_ text: String) -> DomainName {
        WireFixtures.name(text)
    }

    /// One record of every kind the codec models, spread over all three record sections.
    static let everyRecordType = Message(
        header: Header(
            id: 0xFFFF,
            isResponse: true,
            isAuthoritative: true,
            recursionDesired: true,
            responseCode: .noError
        ),
        questions: [
            Question(name: name("2.0.0.127.Multi.example"), type: .txt),
            Question(name: name("multi.example"), type: .a),
        ],
        answers: [
            ResourceRecord(
                name: name("2.0.0.127.multi.EXAMPLE"),
                type: .a,
                ttl: 0,
                data: .a(IPv4Address(127, 0, 0, 10))
            ),
            ResourceRecord(
                name: name("host.multi.example"),
                type: .aaaa,
                ttl: 1,
                data: .aaaa(IPv6Address(high: .max, low: 1))
            ),
            ResourceRecord(
                name: name("2.0.0.127.multi.example"),
                type: .txt,
                ttl: 2,
                data: .txt([[], [0xFF, 0x00], Array("x".utf8)])
            ),
            ResourceRecord(
                name: name("2.0.0.127.in-addr.arpa"),
                type: .ptr,
                ttl: 3,
                data: .ptr(name("Mail.multi.example"))
            ),
            ResourceRecord(
                name: name("alias.multi.example"),
                type: .cname,
                ttl: 4,
                data: .cname(name("host.multi.example"))
            ),
            ResourceRecord(
                name: name("x"),
                type: RecordType(rawValue: 65_280),
                recordClass: RecordClass(rawValue: 3),
                ttl: 5,
                data: .other([9])
            ),
        ],
        authorities: [
            ResourceRecord(name: name("multi.example"), type: .ns, ttl: 6, data: .ns(name("ns1.multi.example"))),
            ResourceRecord(
                name: name("multi.example"),
                type: .soa,
                ttl: 7,
                data: .other(Array(repeating: 0xAA, count: 22))
            ),
        ],
        additionals: [
            ResourceRecord(
                name: .root,
                type: .opt,
                recordClass: RecordClass(rawValue: 1232),
                ttl: 0,
                data: .other([0, 10, 0, 0])
            )
        ]
    )

    @Test func roundTripsEveryRecordType() throws {
        let bytes = Self.everyRecordType.encoded()
        let decoded = try Message(decoding: bytes)
        #expect(decoded == Self.everyRecordType)
        // Compression must not change the case a name was written in.
        let names = decoded.answers.map(\.name.description) + decoded.answers.compactMap(\.data.target?.description)
        let expected =
            Self.everyRecordType.answers.map(\.name.description)
            + Self.everyRecordType.answers.compactMap(\.data.target?.description)
        #expect(names == expected)
        #expect(decoded.encoded() == bytes)
    }

    @Test(arguments: WireFixtures.messages.map(\.1))
    func decodeEncodeDecodeIsStable(bytes: [UInt8]) throws {
        let first = try Message(decoding: bytes)
        let reencoded = first.encoded()
        #expect(reencoded == bytes)
        #expect(try Message(decoding: reencoded) == first)
    }

    @Test func ipv6TextRoundTripsForSeededAddresses() throws {
        var random = SeededRandom(seed: 0x5952)
        for _ in 0..<5_000 {
            // Zero out random groups so that runs of zeros, and mapped addresses, are common.
            var groups = (0..<8).map { _ -> UInt16 in
                random.below(3) == 0 ? 0 : UInt16(truncatingIfNeeded: random.next())
            }
            if random.below(8) == 0 {
                groups.replaceSubrange(0..<6, with: [0, 0, 0, 0, 0, 0xFFFF])
            }
            let address = IPv6Address(
                high: groups[0..<4].reduce(0) { $0 << 16 | UInt64($1) },
                low: groups[4..<8].reduce(0) { $0 << 16 | UInt64($1) }
            )
            let text = address.description
            #expect(IPv6Address(text) == address, "\(text)")
            #expect(text == text.lowercased() && !text.contains(":::"), "\(text)")
        }
    }

    @Test func ipv4TextRoundTripsForSeededAddresses() {
        var random = SeededRandom(seed: 0x0404)
        for _ in 0..<2_000 {
            let address = IPv4Address(UInt32(truncatingIfNeeded: random.next()))
            #expect(IPv4Address(address.description) == address)
        }
    }

    @Test(arguments: ["bl.example.org.", "MiXeD.Case.", ".", "a-b_c.*.x."])
    func nameTextRoundTrips(text: String) throws {
        #expect(try DomainName(text).description == text)
    }
}

extension RecordData {
    /// The name inside PTR, CNAME and NS data.
    var target: DomainName? {
        switch self {
        case .ptr(let name), .cname(let name), .ns(let name): name
        default: nil
        }
    }
}
