/// The class of a resource record or question (RFC 1035 §3.2.4); in practice always ``internet``.
public struct RecordClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The 16-bit class number on the wire. For OPT records this field carries the UDP payload size.
    public var rawValue: UInt16

    /// Wraps a class number.
    ///
    /// - Parameter rawValue: The 16-bit class number.
    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// The Internet class, `IN`.
    public static let internet = RecordClass(rawValue: 1)

    /// `"IN"` for the Internet class, `"CLASS<n>"` otherwise (RFC 3597 §5).
    public var description: String {
        self == .internet ? "IN" : "CLASS\(rawValue)"
    }
}
