/// One record from the answer, authority or additional section (RFC 1035 §4.1.3).
public struct ResourceRecord: Hashable, Sendable {
    /// The owner name.
    public var name: DomainName
    /// The record type written on the wire; it decides how ``data`` is decoded.
    public var type: RecordType
    /// The class, normally ``RecordClass/internet``.
    public var recordClass: RecordClass
    /// How long the record may be cached, in seconds.
    public var ttl: UInt32
    /// The decoded RDATA.
    public var data: RecordData

    /// Creates a record.
    ///
    /// The encoder writes ``type`` as given and ``data`` by its own case, so keep the two in step
    /// (`.a` with ``RecordData/a(_:)``, and so on) or a decode will read the data differently.
    ///
    /// - Parameters:
    ///   - name: The owner name.
    ///   - type: The record type.
    ///   - recordClass: The class, `IN` unless stated.
    ///   - ttl: The time to live in seconds.
    ///   - data: The RDATA.
    public init(name: DomainName, type: RecordType, recordClass: RecordClass = .internet, ttl: UInt32, data: RecordData)
    {
        self.name = name
        self.type = type
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }
}
