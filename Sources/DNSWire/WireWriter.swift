/// Appends wire-format fields to a growing message, compressing names (RFC 1035 §4.1.4).
///
/// Names are remembered by their exact labels, case included, so compression never changes how
/// a decoded name prints. Only suffixes that start within the first 16 KiB can be pointed at,
/// because a pointer has 14 bits of offset.
struct WireWriter {
    private(set) var bytes: [UInt8] = []
    private var suffixOffsets: [[[UInt8]]: Int] = [:]

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func write(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func write(_ value: UInt32) {
        write(UInt16(truncatingIfNeeded: value >> 16))
        write(UInt16(truncatingIfNeeded: value))
    }

    mutating func write(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
    }

    /// Writes `name`, replacing its longest already-written suffix with a pointer.
    ///
    /// - Parameters:
    ///   - name: The name to write.
    ///   - compress: Whether to emit and record pointers; RDATA of unknown types must not.
    mutating func write(_ name: DomainName, compress: Bool = true) {
        let labels = name.labels
        for index in labels.indices {
            let suffix = Array(labels[index...])
            if compress, let target = suffixOffsets[suffix] {
                write(UInt16(0xC000) | UInt16(truncatingIfNeeded: target))
                return
            }
            if compress, bytes.count < 0x4000 {
                suffixOffsets[suffix] = bytes.count
            }
            write(UInt8(truncatingIfNeeded: labels[index].count))
            write(labels[index])
        }
        write(UInt8(0))
    }

    /// Writes a 16-bit length placeholder, then the body, then patches the placeholder with the
    /// body's length. The body must not write more than 65,535 bytes.
    mutating func writeLengthPrefixed(_ body: (inout WireWriter) -> Void) {
        let lengthOffset = bytes.count
        write(UInt16(0))
        body(&self)
        let length = UInt16(clamping: bytes.count - lengthOffset - 2)
        bytes[lengthOffset] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[lengthOffset + 1] = UInt8(truncatingIfNeeded: length)
    }
}
