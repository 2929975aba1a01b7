import DNSWire
import Testing

@testable import BLWatchCore

/// Query names (RFC 5782 §2) and target parsing.
struct SubjectTests {
    @Test(arguments: [
        ("203.0.113.79", "79.113.0.203.zen.test."),
        ("2001:DB8:7CA6:22::45", "5.4.0.0.0.0.0.0.0.0.0.0.0.0.0.0.2.2.0.0.6.a.c.7.8.b.d.0.1.0.0.2.zen.test."),
        ("::ffff:7f00:2", "2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.zen.test."),
        ("Example.COM", "Example.COM.zen.test."),
    ])
    func queryNames(subject: String, expected: String) throws {
        let name = try #require(Subject(subject)).queryName(in: try DomainName("zen.test"))
        #expect(name.description == expected)
    }

    @Test func ipv6IsCanonicalised() {
        #expect(Subject("2001:DB8:0:0::25")?.description == "2001:db8::25")
        #expect(Subject("example.com.")?.description == "example.com")
    }

    @Test func testEntriesKeepAll128Bits() throws {
        let entry = Subject.testEntries(for: .ipv6).listed
        #expect(try entry.queryName(in: DomainName("z.test")).labels.count == 34)
    }

    @Test(arguments: ["", "300.1.1.1", "1.2.3", "localhost", "-x.test", "a..b"])
    func rejectsNonSubjects(text: String) {
        #expect(Subject(text) == nil)
    }

    @Test func cidrRangesExpandInOrder() throws {
        let target = try Target(parsing: "198.51.100.8/30")
        #expect(
            target.subjects.map(\.description) == ["198.51.100.8", "198.51.100.9", "198.51.100.10", "198.51.100.11"]
        )
        let six = try Target(parsing: "2001:db8::/126")
        #expect(six.subjects.map(\.description) == ["2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3"])
    }

    @Test(arguments: [
        ("10.0.0.0/8", "\"10.0.0.0/8\" is too large: at most /16 (65,536 addresses)"),
        ("198.51.100.9/30", "\"198.51.100.9/30\" has host bits set (did you mean 198.51.100.8/30?)"),
        ("2001:db8::/64", "\"2001:db8::/64\" is too large: at most /112 (65,536 addresses)"),
        ("198.51.100.0/33", "\"198.51.100.0/33\": prefix must be 0 to 32"),
        ("mail.example/24", "\"mail.example/24\" is not a CIDR range"),
    ])
    func badRanges(text: String, message: String) {
        #expect(throws: TargetError(message)) { try Target(parsing: text) }
    }
}
