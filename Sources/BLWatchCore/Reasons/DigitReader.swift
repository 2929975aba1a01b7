/// A cursor over the ASCII bytes of one token, for reading clocks and UTC offsets.
struct DigitReader {
    private let bytes: [UInt8]
    private var index = 0

    /// Starts at the first byte.
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { index >= bytes.count }

    /// Reads a run of digits whose length is in `count`; reads nothing and returns `nil` otherwise.
    mutating func digits(_ count: ClosedRange<Int>) -> Int? {
        var end = index
        while end < bytes.count, end - index < count.upperBound, ASCIIBytes.isDigit(bytes[end]) { end += 1 }
        guard count.contains(end - index) else { return nil }
        let value = bytes[index..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        index = end
        return value
    }

    /// Reads `literal` if it comes next.
    mutating func skip(_ literal: String) -> Bool {
        let expected = Array(literal.utf8)
        guard bytes[index...].starts(with: expected) else { return false }
        index += expected.count
        return true
    }

    /// What follows a clock: nothing, or a UTC designator.
    enum OffsetSuffix {
        /// Nothing: the zone, if any, is in the next token.
        case unzoned
        /// `Z`, `UTC`, `GMT` (0) or `±hh`, `±hhmm`, `±hh:mm`, in minutes east of UTC.
        case minutes(Int)
    }

    /// Reads the rest as a UTC designator; `nil` when anything else is left.
    mutating func offsetSuffix() -> OffsetSuffix? {
        if isAtEnd { return .unzoned }
        if skip("Z") || skip("z") || skip("UTC") || skip("GMT"), isAtEnd { return .minutes(0) }
        let sign: Int
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(1...2), hours <= 14 else { return nil }
        _ = skip(":")
        let minutes = isAtEnd ? 0 : digits(2...2)
        guard let minutes, minutes < 60, isAtEnd else { return nil }
        return .minutes(sign * (hours * 60 + minutes))
    }
}
