/// An error raised while building or decoding a DNS message.
///
/// Follows the Hummingbird error shape (STYLE.md B3): a stable ``code`` that callers and tests
/// match on, the byte ``offset`` where decoding stopped (when there is one), and a ``message``
/// with the specifics. Two errors are equal when their codes are equal, so tests can write
/// `error == DNSWireError(.truncated)` without repeating the prose.
public struct DNSWireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier for the kind of failure.
    ///
    /// New codes may be added without breaking callers, because the set is expressed as static
    /// members rather than enum cases.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case truncated, badPointer, pointerLoop, labelTooLong, nameTooLong
            case badRecordData, badText, trailingBytes, invalidName
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The message ended before a field, label or record that it announced.
        public static let truncated = Code(.truncated)
        /// A compression pointer does not point strictly backwards.
        public static let badPointer = Code(.badPointer)
        /// Compression pointers revisit bytes already read for the same name, or chain too often.
        public static let pointerLoop = Code(.pointerLoop)
        /// A label is longer than 63 bytes (RFC 1035 §2.3.4).
        public static let labelTooLong = Code(.labelTooLong)
        /// A name is longer than 255 bytes in wire form (RFC 1035 §2.3.4).
        public static let nameTooLong = Code(.nameTooLong)
        /// Record data does not match the length or layout its type requires.
        public static let badRecordData = Code(.badRecordData)
        /// TXT record data is empty or its character-strings do not fill it exactly.
        public static let badText = Code(.badText)
        /// Bytes follow the last record; only raised by the strict decoding initializers.
        public static let trailingBytes = Code(.trailingBytes)
        /// A name is malformed: an empty label, a forbidden byte, or an unsupported label type.
        public static let invalidName = Code(.invalidName)

        /// A short lower-case phrase naming the failure, used as the start of error descriptions.
        public var description: String {
            switch base {
            case .truncated: "truncated message"
            case .badPointer: "bad compression pointer"
            case .pointerLoop: "compression pointer loop"
            case .labelTooLong: "label too long"
            case .nameTooLong: "name too long"
            case .badRecordData: "bad record data"
            case .badText: "bad text record"
            case .trailingBytes: "trailing bytes"
            case .invalidName: "invalid name"
            }
        }
    }

    /// What went wrong; compare this in tests.
    public let code: Code
    /// The byte offset in the message where decoding failed, or `nil` when not decoding.
    public let offset: Int?
    /// The specifics, for people reading logs.
    public let message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - offset: The byte offset in the message where decoding failed, if any.
    ///   - message: Lower-case specifics without a trailing period.
    public init(_ code: Code, at offset: Int? = nil, _ message: String = "") {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// A log line such as `dns: truncated message at offset 12: need 2 bytes, 1 left`.
    public var description: String {
        var text = "dns: \(code)"
        if let offset {
            text += " at offset \(offset)"
        }
        if !message.isEmpty {
            text += ": \(message)"
        }
        return text
    }

    /// Compares codes only, so a test can match the kind of failure without the message.
    ///
    /// - Parameters:
    ///   - lhs: An error.
    ///   - rhs: Another error.
    /// - Returns: `true` when both errors carry the same ``code``.
    public static func == (lhs: DNSWireError, rhs: DNSWireError) -> Bool {
        lhs.code == rhs.code
    }

    /// A ``Code/truncated`` error at `offset` (STYLE.md C12).
    ///
    /// - Parameters:
    ///   - offset: Where the missing bytes should have started.
    ///   - message: The specifics.
    /// - Returns: The error.
    public static func truncated(at offset: Int, _ message: String = "") -> DNSWireError {
        DNSWireError(.truncated, at: offset, message)
    }
}
