import DNSWire
import Testing

/// Parsing, printing, comparing and combining ``DomainName`` values.
struct DomainNameTests {
    @Test(arguments: [
        ("bl.example.org", ["bl", "example", "org"], "bl.example.org."),
        ("bl.example.org.", ["bl", "example", "org"], "bl.example.org."),
        ("BL.Example.ORG", ["BL", "Example", "ORG"], "BL.Example.ORG."),
        (".", [], "."),
        ("", [], "."),
        ("a", ["a"], "a."),
        ("_dmarc.*.x-y", ["_dmarc", "*", "x-y"], "_dmarc.*.x-y."),
        (
            "2.0.0.127.zen.spamhaus.org", ["2", "0", "0", "127", "zen", "spamhaus", "org"],
            "2.0.0.127.zen.spamhaus.org."
        ),
    ])
    func parses(text: String, labels: [String], description: String) throws {
        let name = try DomainName(text)
        #expect(name.labels == labels.map { Array($0.utf8) })
        #expect(name.description == description)
    }

    @Test(arguments: [
        ("a..b", DNSWireError.Code.invalidName),
        ("..", .invalidName),
        (".a", .invalidName),
        ("a b", .invalidName),
        ("tab\t.x", .invalidName),
        ("caf\u{E9}.example", .invalidName),
        (String(repeating: "x", count: 64) + ".example", .labelTooLong),
        ([String](repeating: String(repeating: "x", count: 63), count: 4).joined(separator: "."), .nameTooLong),
    ])
    func rejects(text: String, code: DNSWireError.Code) {
        let error = #expect(throws: DNSWireError.self) { try DomainName(text) }
        #expect(error?.code == code)
    }

    @Test func acceptsExactly255WireBytes() throws {
        let x63 = String(repeating: "x", count: 63)
        let longest = try DomainName([x63, x63, x63, String(repeating: "y", count: 61)].joined(separator: "."))
        #expect(longest.wireLength == 255)
        let error = #expect(throws: DNSWireError.self) { try longest.prepending(["z"]) }
        #expect(error?.code == .nameTooLong)
        #expect(try DomainName(String(repeating: "x", count: 63)).labels.first?.count == 63)
    }

    @Test func labelsInitializerAllowsAnyByteAndEscapesWhenPrinting() throws {
        let name = try DomainName(labels: [[0x61, 0x2E, 0x00], [0x20, 0xFF]])
        #expect(name.description == "a\\046\\000.\\032\\255.")
        #expect(try DomainName(labels: []) == .root)
    }

    @Test(arguments: [
        ([[UInt8]()], DNSWireError.Code.invalidName),
        ([[UInt8](repeating: 0x61, count: 64)], .labelTooLong),
        ([[UInt8]](repeating: [UInt8](repeating: 0x61, count: 63), count: 4), .nameTooLong),
    ])
    func labelsInitializerRejects(labels: [[UInt8]], code: DNSWireError.Code) {
        let error = #expect(throws: DNSWireError.self) { try DomainName(labels: labels) }
        #expect(error?.code == code)
    }

    @Test func equalityAndHashingIgnoreASCIICase() throws {
        let lower = try DomainName("zen.example.org")
        let mixed = try DomainName("ZEN.Example.ORG.")
        #expect(lower == mixed)
        #expect(Set([lower, mixed]).count == 1)
        #expect(mixed.description == "ZEN.Example.ORG.")
        #expect(try DomainName("zen.example.org") != DomainName("zen.example.com"))
        #expect(try DomainName(labels: [[0xC3]]) != DomainName(labels: [[0xE3]]))
    }

    @Test func prependsReversedOctets() throws {
        let zone = try DomainName("zen.example")
        #expect(try zone.prepending(["2", "0", "0", "127"]).description == "2.0.0.127.zen.example.")
        #expect(try zone.prepending([]) == zone)
        #expect(try zone.prepending(DomainName("a.b")).description == "a.b.zen.example.")
        #expect(try DomainName.root.prepending(zone) == zone)
    }

    @Test(arguments: ["", "a.b", "a b"])
    func prependingRejectsBadLabel(label: String) throws {
        let error = #expect(throws: DNSWireError.self) { try DomainName.root.prepending([label]) }
        #expect(error?.code == .invalidName)
    }

    @Test(arguments: [
        ("2.0.0.127.zen.example", "zen.example", true),
        ("zen.example", "ZEN.example.", true),
        ("zen.example", ".", true),
        ("xzen.example", "zen.example", false),
        ("example", "zen.example", false),
        ("zen.example.org", "zen.example", false),
    ])
    func checksSubdomain(name: String, parent: String, expected: Bool) throws {
        #expect(try DomainName(name).isSubdomain(of: DomainName(parent)) == expected)
    }

    @Test func sortsCanonically() throws {
        // RFC 4034 §6.1 example order.
        let ordered = try [
            DomainName("example"), DomainName("a.example"), DomainName("yljkjljk.a.example"), DomainName("Z.a.example"),
            DomainName("zABC.a.EXAMPLE"), DomainName("z.example"),
            DomainName(labels: [[0x01], Array("z".utf8), Array("example".utf8)]),
            DomainName("*.z.example"), DomainName(labels: [[0xC8], Array("z".utf8), Array("example".utf8)]),
        ]
        #expect(ordered.reversed().sorted() == ordered)
        #expect(ordered.reversed().sorted().map(\.description) == ordered.map(\.description))
    }
}
