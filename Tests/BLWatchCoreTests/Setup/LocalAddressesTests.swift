import DNSWire
import Testing

@testable import BLWatchCore

/// Which interface addresses `blwatch init` offers as targets.
struct LocalAddressesTests {
    @Test(arguments: [
        ("203.0.113.9", false), ("198.51.100.1", false), ("192.0.2.25", false), ("10.1.2.3", false),
        ("172.16.0.1", false), ("172.31.255.255", false), ("172.32.0.1", true), ("192.168.1.1", false),
        ("100.64.0.1", false), ("100.128.0.1", true), ("127.0.0.1", false), ("169.254.1.1", false),
        ("0.1.2.3", false), ("224.0.0.1", false), ("255.255.255.255", false), ("198.18.0.1", false),
        ("198.20.0.1", true), ("8.8.8.8", true), ("185.1.2.3", true),
        ("2001:db8::25", false), ("3fff::1", false), ("fe80::1", false), ("fd00::1", false), ("::1", false),
        ("::ffff:185.1.2.3", false), ("2001::1", false), ("2002:b901:0203::1", false), ("ff02::1", false),
        ("2a01:4f8::1", true), ("2001:470::1", true), ("2600::1", true),
    ])
    func publicAddresses(text: String, isPublic: Bool) throws {
        let subject = try #require(Subject(text))
        #expect(LocalAddresses.isPublic(subject) == isPublic)
    }

    @Test func domainsAreNeverInterfaceAddresses() throws {
        #expect(!LocalAddresses.isPublic(try #require(Subject("mail.example.com"))))
    }

    @Test func temporaryAndDeprecatedIPv6AddressesAreLeftOut() throws {
        // /proc/net/if_inet6: address, ifindex, prefix length, scope, flags, name (all hex).
        let text = """
            2a0104f8000000000000000000000025 02 40 00 80     eth0
            2a0104f80000000012345678abcdef01 02 40 00 01     eth0
            2a0104f8000000000000000000000099 02 40 00 20     eth0
            fe800000000000000000000000000001 02 40 20 80     eth0
            00000000000000000000000000000001 01 80 10 80       lo
            """
        let unstable = LocalAddresses.unstableIPv6(procNetIfInet6: text)
        #expect(
            unstable == [
                try #require(IPv6Address("2a01:4f8::1234:5678:abcd:ef01")), try #require(IPv6Address("2a01:4f8::99")),
            ]
        )
    }

    @Test func theInterfacesAreRead() {
        // Every machine, container or not, has loopback up; it is never public.
        #expect(LocalAddresses.interfaceAddresses().contains(.ipv4(IPv4Address(127, 0, 0, 1))))
        #expect(!LocalAddresses.publicAddresses().contains(.ipv4(IPv4Address(127, 0, 0, 1))))
    }
}
