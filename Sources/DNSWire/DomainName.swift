/// An absolute domain name, stored as its labels.
///
/// Names keep the case they were written or received in, but equality, hashing and ordering
/// ignore ASCII case (RFC 4343). Every name is absolute: `"a.b.c"` and `"a.b.c."` are the same
/// name, and ``description`` always ends with a dot.
///
/// Text input accepts visible ASCII (`!` through `~`) except `.` in each label and has no escape
/// syntax. Names decoded from the wire may hold any byte; ``description`` shows a `.` or a
/// non-visible byte inside a label as `\DDD` (RFC 1035 §5.1).
public struct DomainName: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// RFC 1035 §2.3.4: labels are 63 bytes or less.
    static let maxLabelLength = 63
    /// RFC 1035 §2.3.4: names are 255 bytes or less in wire form, length bytes and root included.
    static let maxWireLength = 255

    /// The labels from leftmost to rightmost, without the empty root label.
    public private(set) var labels: [[UInt8]]

    /// The root name `.`.
    public static let root = DomainName(validatedLabels: [])

    /// Parses a dotted name.
    ///
    /// - Parameter text: A name such as `"bl.example.org"` or `"bl.example.org."`; `"."` and `""` are the root.
    /// - Throws: ``DNSWireError/Code/invalidName`` for an empty label or a byte outside `!`…`~`,
    ///   ``DNSWireError/Code/labelTooLong`` and ``DNSWireError/Code/nameTooLong`` for RFC 1035 limits.
    public init(_ text: String) throws(DNSWireError) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: ".") {
            bytes.removeLast()
        }
        if bytes.isEmpty {
            self = .root
            return
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        var labels: [[UInt8]] = []
        labels.reserveCapacity(parts.count)
        for part in parts {
            labels.append(try Self.textLabel(Array(part), in: text))
        }
        try self.init(labels: labels)
    }

    /// Creates a name from raw labels, as they would appear on the wire.
    ///
    /// Any byte is allowed inside a label; only the RFC 1035 structure is checked.
    ///
    /// - Parameter labels: The labels from leftmost to rightmost, without the root label.
    /// - Throws: ``DNSWireError/Code/invalidName`` for an empty label,
    ///   ``DNSWireError/Code/labelTooLong`` or ``DNSWireError/Code/nameTooLong``.
    public init(labels: [[UInt8]]) throws(DNSWireError) {
        var wireLength = 1
        for (index, label) in labels.enumerated() {
            guard !label.isEmpty else {
                throw DNSWireError(.invalidName, "label \(index) is empty")
            }
            guard label.count <= Self.maxLabelLength else {
                throw DNSWireError(.labelTooLong, "label \(index) has \(label.count) bytes, the limit is 63")
            }
            wireLength += 1 + label.count
        }
        guard wireLength <= Self.maxWireLength else {
            throw DNSWireError(.nameTooLong, "name has \(wireLength) wire bytes, the limit is 255")
        }
        self.labels = labels
    }

    /// Wraps labels already checked by the caller (the wire reader or another name).
    init(validatedLabels labels: [[UInt8]]) {
        self.labels = labels
    }

    /// The length of this name in uncompressed wire form, including length bytes and the root byte.
    public var wireLength: Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// The dotted form with a trailing dot, keeping the original case; `"."` for the root.
    public var description: String {
        guard !labels.isEmpty else {
            return "."
        }
        var text = ""
        for label in labels {
            for byte in label {
                if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: ".") {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text += "\\" + Self.threeDigits(byte)
                }
            }
            text += "."
        }
        return text
    }

    /// Returns a name with text labels in front of this one, such as a reversed IP before a zone.
    ///
    /// - Parameter labels: Labels to put first, leftmost first, e.g. `["2", "0", "0", "127"]`.
    /// - Returns: The longer name.
    /// - Throws: The same errors as ``init(_:)`` for a bad label or a name that grows too long.
    public func prepending(_ labels: [String]) throws(DNSWireError) -> DomainName {
        var combined: [[UInt8]] = []
        combined.reserveCapacity(labels.count + self.labels.count)
        for label in labels {
            combined.append(try Self.textLabel(Array(label.utf8), in: label))
        }
        return try DomainName(labels: combined + self.labels)
    }

    /// Returns `name`'s labels followed by this name's labels.
    ///
    /// - Parameter name: The name to put in front.
    /// - Returns: The longer name.
    /// - Throws: ``DNSWireError/Code/nameTooLong`` when the result exceeds 255 wire bytes.
    public func prepending(_ name: DomainName) throws(DNSWireError) -> DomainName {
        try DomainName(labels: name.labels + labels)
    }

    /// Tells whether this name equals `other` or lies below it, ignoring ASCII case.
    ///
    /// - Parameter other: The possible parent, such as a DNSBL zone.
    /// - Returns: `true` when `other`'s labels are a suffix of this name's labels.
    public func isSubdomain(of other: DomainName) -> Bool {
        guard other.labels.count <= labels.count else {
            return false
        }
        return zip(labels.suffix(other.labels.count), other.labels).allSatisfy { Self.labelsEqual($0, $1) }
    }

    /// Compares names ignoring ASCII case (RFC 4343).
    ///
    /// - Parameters:
    ///   - lhs: A name.
    ///   - rhs: Another name.
    /// - Returns: `true` when the names have the same labels up to ASCII case.
    public static func == (lhs: DomainName, rhs: DomainName) -> Bool {
        lhs.labels.count == rhs.labels.count && zip(lhs.labels, rhs.labels).allSatisfy { labelsEqual($0, $1) }
    }

    /// Hashes the lower-cased labels, consistent with ``==(_:_:)``.
    ///
    /// - Parameter hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.count)
            for byte in label {
                hasher.combine(Self.lowercased(byte))
            }
        }
    }

    /// Orders names canonically (RFC 4034 §6.1): by labels from the right, ASCII case ignored.
    ///
    /// - Parameters:
    ///   - lhs: A name.
    ///   - rhs: Another name.
    /// - Returns: `true` when `lhs` sorts before `rhs`.
    public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
        for (left, right) in zip(lhs.labels.reversed(), rhs.labels.reversed()) {
            let l = left.map(lowercased)
            let r = right.map(lowercased)
            if l != r {
                return l.lexicographicallyPrecedes(r)
            }
        }
        return lhs.labels.count < rhs.labels.count
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    private static func labelsEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// Checks one label given as text: non-empty, visible ASCII, no dot, at most 63 bytes.
    private static func textLabel(_ bytes: [UInt8], in text: String) throws(DNSWireError) -> [UInt8] {
        guard !bytes.isEmpty else {
            throw DNSWireError(.invalidName, "\"\(text)\" has an empty label")
        }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ".") }) else {
            throw DNSWireError(.invalidName, "\"\(text)\" has a byte outside visible ASCII or a dot inside a label")
        }
        guard bytes.count <= maxLabelLength else {
            throw DNSWireError(.labelTooLong, "\"\(text)\" has a label of \(bytes.count) bytes, the limit is 63")
        }
        return bytes
    }

    private static func threeDigits(_ byte: UInt8) -> String {
        let digits = String(byte)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }
}
