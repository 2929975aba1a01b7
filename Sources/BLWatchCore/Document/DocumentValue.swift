/// A parsed configuration document (`lists.json` or `blwatch.yaml`) as a tree whose nodes remember
/// the line they came from, so that every error can name the file, the line and the field.
///
/// Both formats are parsed into this one shape, and both are read with ``DocumentReader``; that is
/// what makes `lists.json` and `blwatch.yaml` report bad fields the same way.
public struct DocumentValue: Sendable {
    /// The value itself.
    public enum Content: Sendable {
        case null
        case bool(Bool)
        /// A number, kept as its source text so integers never pass through `Double`.
        case number(String)
        case string(String)
        case array([DocumentValue])
        /// Key/value pairs in document order (duplicates are rejected by the parsers).
        case object([(key: String, value: DocumentValue)])
    }

    /// The value.
    public var content: Content
    /// The 1-based line where the value starts in its file (both parsers record it; built values may not).
    public var line: Int?
    /// For an unquoted YAML scalar: its text, so a field that wants a string accepts `helo: 12` too.
    public var plainText: String?

    /// Creates a node.
    public init(_ content: Content, line: Int? = nil, plainText: String? = nil) {
        self.content = content
        self.line = line
        self.plainText = plainText
    }

    /// The name of the value's type, for "expected a string, found an array" messages.
    var typeName: String {
        switch content {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
