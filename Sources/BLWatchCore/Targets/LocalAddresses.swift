import DNSWire
import Foundation

#if canImport(Glibc)
    import Glibc
#endif
// The socket structs are declared by every C module that includes <sys/socket.h>; when SwiftNIO's
// CNIOLinux is in the build, the compiler attributes their members to it (MemberImportVisibility).
#if canImport(CNIOLinux)
    import CNIOLinux
#endif

/// The addresses of this machine's network interfaces, and which of them a DNSBL could list.
///
/// `blwatch init` offers the public ones as targets: a mail server sends from them unless it sits
/// behind NAT or relays through a smarthost, which the written file tells the operator to check.
public enum LocalAddresses {
    /// The public unicast addresses of the interfaces that are up, IPv4 first, without the IPv6
    /// privacy addresses (RFC 8981) and deprecated ones, which change and never send mail for long.
    public static func publicAddresses() -> [Subject] {
        let unstable = unstableIPv6(
            procNetIfInet6: (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8)) ?? ""
        )
        return interfaceAddresses().filter { subject in
            if case .ipv6(let address) = subject, unstable.contains(address) { return false }
            return isPublic(subject)
        }.sorted()
    }

    /// Every IPv4 and IPv6 address of every interface that is up (getifaddrs(3)), deduplicated.
    public static func interfaceAddresses() -> [Subject] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0 else { return [] }
        defer { freeifaddrs(head) }
        var found: [Subject] = []
        var entry = head
        while let current = entry?.pointee {
            entry = current.ifa_next
            guard current.ifa_flags & UInt32(IFF_UP) != 0, let address = current.ifa_addr else { continue }
            if let subject = subject(of: address), !found.contains(subject) { found.append(subject) }
        }
        return found
    }

    /// Whether a DNSBL could list `subject`: public unicast, not private, shared, loopback,
    /// link-local, documentation, benchmarking, multicast or reserved (IANA special-purpose registries).
    public static func isPublic(_ subject: Subject) -> Bool {
        switch subject {
        case .ipv4(let address): !nonPublicIPv4.contains { $0.contains(address.value) }
        case .ipv6(let address):
            // Only global unicast (2000::/3) is routed; within it, the special-purpose blocks are not
            // the address of a mail server.
            address.high >> 61 == 0b001 && !nonPublicIPv6.contains { $0.contains(address.high) }
        case .domain: false
        }
    }

    /// The IPv6 addresses `/proc/net/if_inet6` flags temporary (0x01), deprecated (0x20) or failing
    /// duplicate address detection (0x08): `address ifindex prefixlen scope flags name`, all hex.
    static func unstableIPv6(procNetIfInet6 text: String) -> Set<IPv6Address> {
        var unstable: Set<IPv6Address> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[0].count == 32, let flags = UInt32(fields[4], radix: 16),
                flags & 0x29 != 0
            else { continue }
            let hex = Array(fields[0])
            let bytes = stride(from: 0, to: 32, by: 2).compactMap { UInt8(String(hex[$0...$0 + 1]), radix: 16) }
            if let address = IPv6Address(bytes: bytes) { unstable.insert(address) }
        }
        return unstable
    }

    private static func subject(of address: UnsafeMutablePointer<sockaddr>) -> Subject? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let raw = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            return .ipv4(IPv4Address(UInt32(bigEndian: raw)))
        case AF_INET6:
            var raw = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            return IPv6Address(bytes: withUnsafeBytes(of: &raw) { Array($0) }).map(Subject.ipv6)
        default:
            return nil
        }
    }

    /// A prefix of a 32- or 64-bit number.
    private struct Block {
        let value: UInt64
        let length: Int
        let width: Int

        func contains(_ number: UInt32) -> Bool { matches(UInt64(number)) }
        func contains(_ number: UInt64) -> Bool { matches(number) }

        private func matches(_ number: UInt64) -> Bool {
            let shift = UInt64(width - length)
            return number >> shift == value >> shift
        }
    }

    private static func v4(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, _ length: Int) -> Block {
        Block(value: a << 24 | b << 16 | c << 8 | d, length: length, width: 32)
    }

    // IANA IPv4 Special-Purpose Address Registry, plus multicast and the reserved 240/4.
    private static let nonPublicIPv4: [Block] = [
        v4(0, 0, 0, 0, 8), v4(10, 0, 0, 0, 8), v4(100, 64, 0, 0, 10), v4(127, 0, 0, 0, 8),
        v4(169, 254, 0, 0, 16), v4(172, 16, 0, 0, 12), v4(192, 0, 0, 0, 24), v4(192, 0, 2, 0, 24),
        v4(192, 88, 99, 0, 24), v4(192, 168, 0, 0, 16), v4(198, 18, 0, 0, 15), v4(198, 51, 100, 0, 24),
        v4(203, 0, 113, 0, 24), v4(224, 0, 0, 0, 4), v4(240, 0, 0, 0, 4),
    ]

    // Inside 2000::/3 (first 64 bits): IETF protocol assignments 2001::/23 (Teredo, benchmarking,
    // ORCHID), documentation 2001:db8::/32 and 3fff::/20 (RFC 9637), 6to4 2002::/16.
    private static let nonPublicIPv6: [Block] = [
        Block(value: 0x2001_0000 << 32, length: 23, width: 64),
        Block(value: 0x2001_0DB8 << 32, length: 32, width: 64),
        Block(value: 0x3FFF_0000 << 32, length: 20, width: 64),
        Block(value: 0x2002_0000 << 32, length: 16, width: 64),
    ]
}
