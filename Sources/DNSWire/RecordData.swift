/// The decoded RDATA of a resource record.
///
/// Types the codec does not interpret, OPT included, keep their raw bytes in ``other(_:)``
/// so they survive a decode-encode round trip unchanged.
public enum RecordData: Hashable, Sendable {
    /// An IPv4 address (type A).
    case a(IPv4Address)
    /// An IPv6 address (type AAAA).
    case aaaa(IPv6Address)
    /// One or more character-strings (type TXT), each at most 255 bytes on the wire.
    ///
    /// The encoder splits longer strings into 255-byte pieces and writes `[]` as one empty
    /// string, because RFC 1035 §3.3.14 requires at least one.
    case txt([[UInt8]])
    /// A pointer to a name (type PTR), as used by reverse lookups.
    case ptr(DomainName)
    /// The canonical name of an alias (type CNAME).
    case cname(DomainName)
    /// A name server (type NS).
    case ns(DomainName)
    /// Raw RDATA for any other type; the encoder keeps at most the first 65,535 bytes.
    case other([UInt8])
}
