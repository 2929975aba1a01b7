public import DNSWire

/// An inclusive range of A-record values inside 127.0.0.0/8, the key of a zone's code table.
public struct CodeRange: Sendable, Hashable, CustomStringConvertible {
    /// The first value.
    public var lower: IPv4Address
    /// The last value.
    public var upper: IPv4Address

    /// Creates a range of one or more values.
    public init(_ lower: IPv4Address, _ upper: IPv4Address? = nil) {
        self.lower = lower
        self.upper = upper ?? lower
    }

    /// Whether `code` falls in the range.
    public func contains(_ code: IPv4Address) -> Bool { lower <= code && code <= upper }

    /// Whether the two ranges share a value.
    public func overlaps(_ other: CodeRange) -> Bool { lower <= other.upper && other.lower <= upper }

    public var description: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }
}
