import DNSWire

/// An address range in CIDR notation, scanned address by address.
///
/// Ranges are capped at 65,536 addresses (IPv4 /16, IPv6 /112): larger ranges cannot be scanned
/// one query per address, and a mail operator's sending range is far smaller.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The largest range blwatch enumerates.
    public static let maxAddresses = 65_536

    /// The first address (host bits cleared).
    public let base: Subject
    /// The prefix length.
    public let prefixLength: Int

    /// Parses `a.b.c.d/n` or `x::/n`.
    /// - Throws: a message for the config error when the text is no CIDR range, has host bits set, or is too large.
    public init(_ text: String) throws(TargetError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]) else { throw TargetError("\"\(text)\" is not a CIDR range") }
        switch Subject(String(parts[0])) {
        case .ipv4(let address):
            guard (0...32).contains(prefix) else { throw TargetError("\"\(text)\": prefix must be 0 to 32") }
            guard prefix >= 16 else { throw TargetError("\"\(text)\" is too large: at most /16 (65,536 addresses)") }
            let mask: UInt32 = prefix == 0 ? 0 : ~0 << (32 - UInt32(prefix))
            guard address.value & ~mask == 0 else {
                throw TargetError(
                    "\"\(text)\" has host bits set (did you mean \(IPv4Address(address.value & mask))/\(prefix)?)"
                )
            }
            base = .ipv4(address)
        case .ipv6(let address):
            guard (0...128).contains(prefix) else { throw TargetError("\"\(text)\": prefix must be 0 to 128") }
            guard prefix >= 112 else { throw TargetError("\"\(text)\" is too large: at most /112 (65,536 addresses)") }
            let mask: UInt64 = ~0 << (128 - UInt64(prefix))
            guard address.low & ~mask == 0 else {
                let fixed = IPv6Address(high: address.high, low: address.low & mask)
                throw TargetError("\"\(text)\" has host bits set (did you mean \(fixed)/\(prefix)?)")
            }
            base = .ipv6(address)
        default:
            throw TargetError("\"\(text)\" is not a CIDR range")
        }
        prefixLength = prefix
    }

    /// How many addresses the range holds.
    public var count: Int {
        switch base {
        case .ipv4: 1 << (32 - prefixLength)
        default: 1 << (128 - prefixLength)
        }
    }

    /// The `offset`-th address of the range.
    public func address(at offset: Int) -> Subject {
        switch base {
        case .ipv4(let first): .ipv4(IPv4Address(first.value + UInt32(offset)))
        case .ipv6(let first): .ipv6(IPv6Address(high: first.high, low: first.low + UInt64(offset)))
        case .domain: base
        }
    }

    public var description: String { "\(base)/\(prefixLength)" }
}

/// A target that cannot be scanned, with the reason (wrapped into a config error by the caller).
public struct TargetError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
}
