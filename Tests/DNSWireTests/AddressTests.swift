import DNSWire
import Testing

/// Parsing and printing of ``IPv4Address`` and ``IPv6Address``, including RFC 5952 output.
struct AddressTests {
    @Test(arguments: [
        ("127.0.0.2", UInt32(0x7F00_0002)),
        ("0.0.0.0", 0),
        ("255.255.255.255", 0xFFFF_FFFF),
        ("10.20.30.40", 0x0A14_1E28),
        ("192.0.2.100", 0xC000_0264),
    ])
    func parsesIPv4(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.value == value)
        #expect(address.description == text)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1000.1.1.1", "01.2.3.4", "1.2.3.00", "1..3.4", "1.2.3.4.",
        ".1.2.3", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "a.b.c.d", "0x7f.0.0.1", "1.2.3.4/32", "١.2.3.4",
    ])
    func rejectsIPv4(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func buildsIPv4FromOctets() {
        let address = IPv4Address(127, 0, 0, 2)
        #expect(address == IPv4Address(0x7F00_0002))
        #expect(address.octets == [127, 0, 0, 2])
        #expect(IPv4Address(10, 0, 0, 1) < IPv4Address(127, 0, 0, 1))
        #expect(IPv4Address(9, 255, 255, 255) < IPv4Address(10, 0, 0, 0))
    }

    @Test(arguments: [
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::", "::"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("2001:db8::", "2001:db8::"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("2001:db8:7ca6:22::45", "2001:db8:7ca6:22::45"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // RFC 5952 §4.2.2: one zero group stays
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // §4.2.3: the longest run
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // §4.2.3: the first of equal runs
        ("1:0:0:2:0:0:0:0", "1:0:0:2::"),
        ("FE80::A:Bc:dEf", "fe80::a:bc:def"),
        ("::ffff:127.0.0.2", "::ffff:127.0.0.2"),
        ("::FFFF:7F00:2", "::ffff:127.0.0.2"),  // §5: mapped addresses print dotted
        ("::ffff:0:0", "::ffff:0.0.0.0"),
        ("::127.0.0.2", "::7f00:2"),  // deprecated IPv4-compatible form prints as hex
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        ("0:0:0:0:0:ffff:0:1", "::ffff:0.0.0.1"),
        ("0:0:0:0:ffff:0:0:1", "::ffff:0:0:1"),  // not mapped, so no dotted tail
    ])
    func parsesAndPrintsIPv6(text: String, canonical: String) throws {
        let address = try #require(IPv6Address(text))
        #expect(address.description == canonical)
        #expect(IPv6Address(canonical) == address)
    }

    @Test(arguments: [
        "", ":", ":::", "1::2::3", "::1::", "2001:db8::1%eth0", "fe80::1%1", "12345::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7::8", "::0:0:0:0:0:0:0:0",
        "::ffff:127.0.0.256", "::ffff:127.0.0", "::ffff:127.0.0.01", "1.2.3.4::", "::1.2.3.4:5", "1.2.3.4",
        "g::1", " ::1", "::1 ", "[::1]", "::1/128", "1:2:3:4:5:6:7:1.2.3.4", "::-1",
    ])
    func rejectsIPv6(text: String) {
        #expect(IPv6Address(text) == nil)
    }

    @Test func exposesBytesAndHalves() throws {
        let address = try #require(IPv6Address("2001:db8:7ca6:22::45"))
        #expect(address.high == 0x2001_0DB8_7CA6_0022)
        #expect(address.low == 0x45)
        #expect(address.bytes == [0x20, 0x01, 0x0D, 0xB8, 0x7C, 0xA6, 0x00, 0x22, 0, 0, 0, 0, 0, 0, 0x00, 0x45])
        #expect(IPv6Address(bytes: address.bytes) == address)
        #expect(IPv6Address(bytes: Array(address.bytes.dropLast())) == nil)
        #expect(IPv6Address(high: 1, low: 0) > IPv6Address(high: 0, low: .max))
    }

    static func reversedNibbles(_ address: IPv6Address) -> String {
        address.nibbles.reversed().map { String($0, radix: 16) }.joined(separator: ".")
    }

    @Test func nibblesReverseForDNSBLQueries() throws {
        let address = try #require(IPv6Address("2001:db8:7ca6:22::45"))
        #expect(address.nibbles.count == 32)
        #expect(address.nibbles.allSatisfy { $0 < 16 })
        #expect(Self.reversedNibbles(address) == "5.4.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.2.0.0.6.a.c.7.8.b.d.0.1.0.0.2")
    }

    @Test func mappedAddressKeepsAll128BitsInNibbles() throws {
        let address = try #require(IPv6Address("::FFFF:7F00:2"))
        #expect(address.high == 0)
        #expect(address.low == 0xFFFF_7F00_0002)
        #expect(address.nibbles.count == 32)
        #expect(Self.reversedNibbles(address) == "2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0")
    }
}
