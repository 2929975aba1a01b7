/// An IPv6 address, held as two 64-bit halves.
///
/// Ordered numerically. Text input accepts the full, compressed (`::`) and IPv4-tail forms in
/// any case; ``description`` prints the RFC 5952 canonical form.
public struct IPv6Address: Hashable, Sendable, Comparable, LosslessStringConvertible {
    /// The first 64 bits, most significant first.
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    /// Builds an address from its halves.
    ///
    /// - Parameters:
    ///   - high: The first 64 bits.
    ///   - low: The last 64 bits.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Builds an address from its 16 bytes in network order.
    ///
    /// - Parameter bytes: Exactly 16 bytes.
    /// - Returns: `nil` unless there are exactly 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else {
            return nil
        }
        high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 16 bytes in network order.
    public var bytes: [UInt8] {
        [high, low].flatMap { half in
            stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: half >> UInt64($0)) }
        }
    }

    /// The 32 four-bit values (0…15), most significant first.
    ///
    /// Reversed and joined with dots, these form the `ip6.arpa` and DNSBL query labels
    /// (RFC 3596 §2.5, RFC 5782 §2.4). Always the full 128 bits, IPv4-mapped addresses included.
    public var nibbles: [UInt8] {
        bytes.flatMap { [$0 >> 4, $0 & 0x0F] }
    }

    /// The eight 16-bit groups, first group first.
    var groups: [UInt16] {
        [high, low].flatMap { half in
            stride(from: 48, through: 0, by: -16).map { UInt16(truncatingIfNeeded: half >> UInt64($0)) }
        }
    }

    /// The RFC 5952 canonical text: lower case, no leading zeros, the longest run of two or more
    /// zero groups shown as `::` (the first on a tie), and `::ffff:a.b.c.d` for IPv4-mapped
    /// addresses (RFC 5952 §5) but no other embedded-IPv4 form.
    public var description: String {
        if high == 0, low >> 32 == 0xFFFF {
            return "::ffff:" + IPv4Address(UInt32(truncatingIfNeeded: low)).description
        }
        let groups = groups
        let run = Self.longestZeroRun(groups)
        guard let run else {
            return groups.map { String($0, radix: 16) }.joined(separator: ":")
        }
        let left = groups[..<run.lowerBound].map { String($0, radix: 16) }.joined(separator: ":")
        let right = groups[run.upperBound...].map { String($0, radix: 16) }.joined(separator: ":")
        return left + "::" + right
    }

    /// Orders addresses numerically.
    ///
    /// - Parameters:
    ///   - lhs: An address.
    ///   - rhs: Another address.
    /// - Returns: `true` when `lhs` is numerically smaller.
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// The first longest run of at least two zero groups (RFC 5952 §4.2.2, §4.2.3).
    private static func longestZeroRun(_ groups: [UInt16]) -> Range<Int>? {
        var best: Range<Int>?
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 {
                end += 1
            }
            if end - index >= 2, end - index > best?.count ?? 0 {
                best = index..<end
            }
            index = end
        }
        return best
    }
}
