extension IPv6Address {
    /// Parses IPv6 text such as `"2001:db8::1"`, `"2001:DB8:0:0:0:0:0:1"` or `"::ffff:127.0.0.2"`.
    ///
    /// Accepts hex digits in either case, at most one `::`, and a dotted IPv4 tail in place of
    /// the last two groups. Rejects zone IDs (`%eth0`), groups of more than four hex digits,
    /// brackets, prefixes and spaces.
    ///
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` when `text` is not exactly one IPv6 address.
    public init?(_ text: String) {
        let utf8 = Array(text.utf8)
        guard !utf8.isEmpty,
            utf8.allSatisfy({ $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || Self.hexValue($0) != nil })
        else {
            return nil
        }
        let gaps = utf8.indices.dropLast().filter { utf8[$0] == UInt8(ascii: ":") && utf8[$0 + 1] == UInt8(ascii: ":") }
        let groups: [UInt16]
        switch gaps.count {
        case 0:
            guard let all = Self.parseGroups(utf8[...], allowingIPv4Tail: true), all.count == 8 else {
                return nil
            }
            groups = all
        case 1:
            let gap = gaps[0]
            guard let left = Self.parseGroups(utf8[..<gap], allowingIPv4Tail: false),
                let right = Self.parseGroups(utf8[(gap + 2)...], allowingIPv4Tail: true),
                left.count + right.count <= 7
            else {
                return nil
            }
            groups = left + Array(repeating: 0, count: 8 - left.count - right.count) + right
        default:
            // Two "::" (or ":::", which overlaps itself) would make the zero fill ambiguous.
            return nil
        }
        high = groups[0..<4].reduce(0) { $0 << 16 | UInt64($1) }
        low = groups[4..<8].reduce(0) { $0 << 16 | UInt64($1) }
    }

    /// Parses colon-separated groups; an empty slice is zero groups.
    private static func parseGroups(_ text: ArraySlice<UInt8>, allowingIPv4Tail: Bool) -> [UInt16]? {
        guard !text.isEmpty else {
            return []
        }
        let parts = text.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if part.contains(UInt8(ascii: ".")) {
                guard allowingIPv4Tail, index == parts.count - 1, let value = IPv4Address.parse(part) else {
                    return nil
                }
                groups.append(UInt16(truncatingIfNeeded: value >> 16))
                groups.append(UInt16(truncatingIfNeeded: value))
            } else {
                guard (1...4).contains(part.count) else {
                    return nil
                }
                var value: UInt16 = 0
                for digit in part {
                    guard let nibble = hexValue(digit) else {
                        return nil
                    }
                    value = value << 4 | UInt16(nibble)
                }
                groups.append(value)
            }
        }
        return groups
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
