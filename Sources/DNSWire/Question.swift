/// One entry of the question section: the name, type and class being asked about.
public struct Question: Hashable, Sendable {
    /// The name asked about, such as `2.0.0.127.zen.example.`.
    public var name: DomainName
    /// The record type asked for.
    public var type: RecordType
    /// The class asked for, normally ``RecordClass/internet``.
    public var recordClass: RecordClass

    /// Creates a question.
    ///
    /// - Parameters:
    ///   - name: The name asked about.
    ///   - type: The record type asked for.
    ///   - recordClass: The class, `IN` unless stated.
    public init(name: DomainName, type: RecordType, recordClass: RecordClass = .internet) {
        self.name = name
        self.type = type
        self.recordClass = recordClass
    }
}
