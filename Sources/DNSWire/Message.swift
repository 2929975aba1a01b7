/// A whole DNS message: header plus question, answer, authority and additional sections.
///
/// Build queries with ``query(id:name:type:recursionDesired:)`` and turn them into bytes with
/// ``encoded()``; turn response bytes into a value with ``init(decoding:)-([UInt8])``.
/// The section counts in the header are derived from the arrays, never stored.
public struct Message: Hashable, Sendable {
    /// The ID, flags and response code.
    public var header: Header
    /// What is being asked; one entry in practice.
    public var questions: [Question]
    /// Records that answer the question.
    public var answers: [ResourceRecord]
    /// Records naming the authoritative servers, or the SOA of a negative answer.
    public var authorities: [ResourceRecord]
    /// Extra records, including the EDNS OPT pseudo-record.
    public var additionals: [ResourceRecord]

    /// Creates a message from its parts.
    ///
    /// - Parameters:
    ///   - header: The ID, flags and response code.
    ///   - questions: The question section.
    ///   - answers: The answer section.
    ///   - authorities: The authority section.
    ///   - additionals: The additional section.
    public init(
        header: Header,
        questions: [Question] = [],
        answers: [ResourceRecord] = [],
        authorities: [ResourceRecord] = [],
        additionals: [ResourceRecord] = []
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// Builds a standard query for one name and type in class `IN`.
    ///
    /// The ID comes from the caller so tests can fix it (STYLE.md B4).
    ///
    /// - Parameters:
    ///   - id: The message ID; the response must echo it.
    ///   - name: The name to look up, such as `2.0.0.127.zen.example.`.
    ///   - type: The record type wanted.
    ///   - recursionDesired: Whether to set the RD bit; `true` when asking a recursive resolver.
    /// - Returns: A query message with a single question.
    public static func query(id: UInt16, name: DomainName, type: RecordType, recursionDesired: Bool = true) -> Message {
        Message(
            header: Header(id: id, recursionDesired: recursionDesired),
            questions: [Question(name: name, type: type)]
        )
    }
}
