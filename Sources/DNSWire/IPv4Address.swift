/// An IPv4 address, such as a mail server's address or a DNSBL return code like `127.0.0.2`.
///
/// Ordered numerically. The text form is a strict dotted quad: four decimal octets, no leading
/// zeros (so `"010.0.0.1"`, which some parsers read as octal, is rejected), no spaces.
public struct IPv4Address: Hashable, Sendable, Comparable, LosslessStringConvertible {
    /// The address as a big-endian-ordered number: `127.0.0.2` is `0x7F00_0002`.
    public var value: UInt32

    /// Wraps a 32-bit value.
    ///
    /// - Parameter value: The address as a number, first octet most significant.
    public init(_ value: UInt32) {
        self.value = value
    }

    /// Builds an address from its four octets.
    ///
    /// - Parameters:
    ///   - a: The first octet.
    ///   - b: The second octet.
    ///   - c: The third octet.
    ///   - d: The fourth octet.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a strict dotted quad such as `"127.0.0.2"`.
    ///
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` unless `text` is four dot-separated decimal octets of 0…255 without
    ///   leading zeros, signs or spaces.
    public init?(_ text: String) {
        guard let value = Self.parse(Array(text.utf8)[...]) else {
            return nil
        }
        self.value = value
    }

    /// The four octets, first octet first.
    public var octets: [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    /// The dotted-quad form, such as `"127.0.0.2"`.
    public var description: String {
        octets.map { String($0) }.joined(separator: ".")
    }

    /// Orders addresses numerically.
    ///
    /// - Parameters:
    ///   - lhs: An address.
    ///   - rhs: Another address.
    /// - Returns: `true` when `lhs` is numerically smaller.
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// Parses a dotted quad from UTF-8 bytes; shared with the IPv4 tail of IPv6 text.
    static func parse(_ text: ArraySlice<UInt8>) -> UInt32? {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            return nil
        }
        var value: UInt32 = 0
        for part in parts {
            guard let octet = parseOctet(part) else {
                return nil
            }
            value = value << 8 | UInt32(octet)
        }
        return value
    }

    private static func parseOctet(_ digits: ArraySlice<UInt8>) -> UInt8? {
        guard (1...3).contains(digits.count),
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.count == 1 || digits.first != UInt8(ascii: "0")
        else {
            return nil
        }
        let number = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        return number <= 255 ? UInt8(number) : nil
    }
}
