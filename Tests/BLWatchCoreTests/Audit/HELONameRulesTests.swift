import DNSWire
import Testing

@testable import BLWatchCore

/// HELO syntax and generic-PTR heuristics, as tables.
struct HELONameRulesTests {
    @Test(arguments: [
        ("mail.example.net", HELONameRules.Form.hostName("mail.example.net")),
        ("Mail.Example.NET.", .hostName("mail.example.net")),
        ("  mx1.example.org ", .hostName("mx1.example.org")),
        ("", .empty),
        ("   ", .empty),
        ("localhost", .localhost),
        ("LOCALHOST.localdomain", .localhost),
        ("mail", .bareLabel("mail")),
        ("mail.local", .localName(suffix: "local")),
        ("box.lan", .localName(suffix: "lan")),
        ("router.home", .localName(suffix: "home")),
        ("host.localdomain", .localName(suffix: "localdomain")),
        ("srv.intra", .localName(suffix: "intra")),
        ("srv.priv", .localName(suffix: "priv")),
        ("192.0.2.83", .bareAddress(.ipv4(IPv4Address(192, 0, 2, 83)))),
        ("2001:db8::25", .bareAddress(Subject("2001:db8::25")!)),
        ("[192.0.2.83]", .addressLiteral(.ipv4(IPv4Address(192, 0, 2, 83)))),
        ("[IPv6:2001:db8::25]", .addressLiteral(Subject("2001:db8::25")!)),
    ])
    func classifies(_ argument: String, _ expected: HELONameRules.Form) {
        #expect(HELONameRules.classify(argument) == expected)
    }

    @Test(arguments: [
        "[2001:db8::25]", "[192.0.2.300]", "[192.0.2.1", "mail..example.net", "-mail.example.net",
        "mail_1.example.net", "mail example.net", "192.0.2.256", "192.0.2", String(repeating: "a", count: 64) + ".net",
    ])
    func rejectsMalformedNames(_ argument: String) {
        guard case .invalid = HELONameRules.classify(argument) else {
            Issue.record("\(argument) classified as \(HELONameRules.classify(argument))")
            return
        }
    }

    @Test func comparesNamesIgnoringCaseAndTrailingDot() {
        #expect(HELONameRules.sameName("Mail.Example.net.", "mail.example.NET"))
        #expect(!HELONameRules.sameName("mail.example.net", "mx.example.net"))
    }

    @Test(arguments: [
        ("192-0-2-83.dsl.example.net", ["keyword \"dsl\"", "the address 192.0.2.83 in the name"]),
        ("83-2-0-192.dynamic.example.net", ["keyword \"dynamic\"", "the address 192.0.2.83 in the name"]),
        ("host83.pool.example.net", ["keyword \"pool\""]),
        ("adsl-192-0-2-83.example.net", ["keyword \"adsl\"", "the address 192.0.2.83 in the name"]),
        ("ppp83.dialup.example.net", ["keyword \"ppp\"", "keyword \"dialup\""]),
        ("cpe-192-0-2-83.cable.example.net", ["keyword \"cable\"", "the address 192.0.2.83 in the name"]),
        ("c0000253.example.net", ["the address 192.0.2.83 in the name"]),
        ("host192000002083.example.net", ["the address 192.0.2.83 in the name"]),
        ("83.2.0.192.in-addr.example.net", ["contains \"in-addr\"", "the address 192.0.2.83 in the name"]),
        ("mail.example.net", []),
        ("mx1.dsl.example.net", []),
        ("smtp-192-0-2-83.dynamic.example.net", []),
        ("mta7.pool.example.net", []),
        ("www.national.example", []),
        ("example.net", []),
    ])
    func findsGenericPTRNames(_ name: String, _ expected: [String]) {
        #expect(HELONameRules.genericSignals(in: name, address: .ipv4(IPv4Address(192, 0, 2, 83))) == expected)
    }

    @Test func spotsAnAddressWithoutKnowingIt() {
        #expect(HELONameRules.genericSignals(in: "10-1-2-3.isp.example") == ["an address in the name"])
        #expect(HELONameRules.genericSignals(in: "web300.isp.example").isEmpty)
    }

    @Test func spotsIPv6AddressesInNames() {
        let address = Subject("2001:db8::25")!
        #expect(
            HELONameRules.genericSignals(in: "2001-db8--25.dyn.example.net", address: address)
                == ["keyword \"dyn\"", "the address 2001:db8::25 in the name"]
        )
        #expect(HELONameRules.genericSignals(in: "host.example.net", address: address).isEmpty)
    }

    @Test func splitsWordsAtDigitsAndPunctuation() {
        #expect(HELONameRules.words(in: "dsl83-pool_x") == ["dsl", "83", "pool", "x"])
    }
}
