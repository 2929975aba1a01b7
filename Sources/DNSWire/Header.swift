/// The fixed part of a DNS message: ID, flags and response code (RFC 1035 §4.1.1).
///
/// The four section counts are not stored here; ``Message`` derives them from its sections.
public struct Header: Hashable, Sendable {
    /// Matches a response to its query; the resolver must check it.
    public var id: UInt16
    /// The QR bit: `false` for a query, `true` for a response.
    public var isResponse: Bool
    /// The kind of query, 0 for a standard query; only the low four bits are encoded.
    public var opcode: UInt8
    /// The AA bit: the responding server is authoritative for the question's name.
    public var isAuthoritative: Bool
    /// The TC bit: the response was cut to fit a UDP datagram.
    public var isTruncated: Bool
    /// The RD bit: the client asks the server to recurse.
    public var recursionDesired: Bool
    /// The RA bit: the server offers recursion.
    public var recursionAvailable: Bool
    /// The AD bit (RFC 4035 §3.2.3): the server validated the answer with DNSSEC.
    public var authenticData: Bool
    /// The CD bit (RFC 4035 §3.2.2): the client asks the server not to validate.
    public var checkingDisabled: Bool
    /// The outcome the server reports; only the low four bits are encoded.
    public var responseCode: ResponseCode

    /// Creates a header; the defaults describe a plain query with every flag clear.
    ///
    /// - Parameters:
    ///   - id: The message ID.
    ///   - isResponse: The QR bit.
    ///   - opcode: The opcode, 0 for a standard query.
    ///   - isAuthoritative: The AA bit.
    ///   - isTruncated: The TC bit.
    ///   - recursionDesired: The RD bit.
    ///   - recursionAvailable: The RA bit.
    ///   - authenticData: The AD bit.
    ///   - checkingDisabled: The CD bit.
    ///   - responseCode: The RCODE.
    public init(
        id: UInt16 = 0,
        isResponse: Bool = false,
        opcode: UInt8 = 0,
        isAuthoritative: Bool = false,
        isTruncated: Bool = false,
        recursionDesired: Bool = false,
        recursionAvailable: Bool = false,
        authenticData: Bool = false,
        checkingDisabled: Bool = false,
        responseCode: ResponseCode = .noError
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.responseCode = responseCode
    }

    /// Splits the 16-bit flags word. The reserved Z bit (0x0040) is dropped.
    init(id: UInt16, flags: UInt16) {
        self.init(
            id: id,
            isResponse: flags & 0x8000 != 0,
            opcode: UInt8(truncatingIfNeeded: flags >> 11) & 0x0F,
            isAuthoritative: flags & 0x0400 != 0,
            isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0,
            recursionAvailable: flags & 0x0080 != 0,
            authenticData: flags & 0x0020 != 0,
            checkingDisabled: flags & 0x0010 != 0,
            responseCode: ResponseCode(rawValue: flags & 0x000F)
        )
    }

    /// The 16-bit flags word, with the reserved Z bit clear.
    var flags: UInt16 {
        var flags = UInt16(opcode & 0x0F) << 11 | responseCode.rawValue & 0x000F
        if isResponse { flags |= 0x8000 }
        if isAuthoritative { flags |= 0x0400 }
        if isTruncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        if authenticData { flags |= 0x0020 }
        if checkingDisabled { flags |= 0x0010 }
        return flags
    }
}
