/// A bounds-checked cursor over untrusted message bytes (STYLE.md C12).
///
/// Contract, after miekg's `msg.go`: every read checks that its bytes exist before touching
/// them and throws ``DNSWireError`` carrying the offset where the read started. Arithmetic
/// stays in `Int` with operands bounded by the buffer size and 65,535, so it cannot overflow,
/// and no index is ever formed from a subtraction that could go negative.
///
/// The reader borrows `bytes`; it must not outlive the buffer it was created with.
struct WireReader {
    /// At most this many compression pointers are followed for one name. A 255-byte name has at
    /// most 127 labels, so a legitimate chain is shorter.
    static let maxPointerHops = 128

    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// How many bytes remain after ``offset``.
    var remaining: Int {
        bytes.count - offset
    }

    mutating func readUInt8() throws(DNSWireError) -> UInt8 {
        try need(1, for: "a byte")
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt16() throws(DNSWireError) -> UInt16 {
        try need(2, for: "a 16-bit field")
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func readUInt32() throws(DNSWireError) -> UInt32 {
        try need(4, for: "a 32-bit field")
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            value = value << 8 | UInt32(bytes[index])
        }
        offset += 4
        return value
    }

    mutating func readBytes(_ count: Int) throws(DNSWireError) -> [UInt8] {
        try need(count, for: "\(count) bytes")
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads a possibly compressed name (RFC 1035 §4.1.4) and leaves ``offset`` after its
    /// first pointer, or after its root byte when it has none.
    ///
    /// A pointer must point before the first byte of the run of labels that contains it.
    /// Legitimate encoders only point at names written earlier, so this rejects nothing real,
    /// and it makes every chain strictly decreasing: a loop is impossible rather than merely
    /// capped. A pointer at or after itself is ``DNSWireError/Code/badPointer``; one into its
    /// own run of labels is ``DNSWireError/Code/pointerLoop``.
    mutating func readName() throws(DNSWireError) -> DomainName {
        var labels: [[UInt8]] = []
        var wireLength = 1
        var position = offset
        var runStart = offset
        var hops = 0
        var resume: Int?
        while true {
            guard position < bytes.count else {
                throw .truncated(at: position, "name runs past the end of the message")
            }
            let length = bytes[position]
            switch length & 0xC0 {
            case 0x00:
                if length == 0 {
                    offset = resume ?? position + 1
                    return DomainName(validatedLabels: labels)
                }
                let count = Int(length)
                let start = position + 1
                guard count <= bytes.count - start else {
                    throw .truncated(at: start, "label needs \(count) bytes, \(bytes.count - start) left")
                }
                wireLength += 1 + count
                guard wireLength <= DomainName.maxWireLength else {
                    throw DNSWireError(.nameTooLong, at: position, "name exceeds 255 wire bytes")
                }
                labels.append(Array(bytes[start..<start + count]))
                position = start + count
            case 0xC0:
                guard position + 1 < bytes.count else {
                    throw .truncated(at: position, "compression pointer needs 2 bytes")
                }
                let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
                guard target < position else {
                    throw DNSWireError(.badPointer, at: position, "pointer to \(target) does not point backwards")
                }
                guard target < runStart else {
                    throw DNSWireError(.pointerLoop, at: position, "pointer to \(target) re-enters the same name")
                }
                hops += 1
                guard hops <= Self.maxPointerHops else {
                    throw DNSWireError(.pointerLoop, at: position, "more than \(Self.maxPointerHops) pointers")
                }
                if resume == nil {
                    resume = position + 2
                }
                position = target
                runStart = target
            default:
                // RFC 6891 §5 retired 0b01 (extended labels); 0b10 was never assigned.
                throw DNSWireError(
                    .invalidName,
                    at: position,
                    "unsupported label type 0x\(String(length & 0xC0, radix: 16))"
                )
            }
        }
    }

    private func need(_ count: Int, for what: String) throws(DNSWireError) {
        guard count >= 0, count <= remaining else {
            throw .truncated(at: offset, "need \(what), \(remaining) left")
        }
    }
}
