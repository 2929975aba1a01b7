/// Reads typed fields out of a ``DocumentValue`` and reports every mistake with its file, line and path.
///
/// Loaders walk a document with it (`try root.object(allowing: […]).required("zones").array()`), so
/// that validation and error messages come from one place for `lists.json` and `blwatch.yaml`.
public struct DocumentReader: Sendable {
    /// The file name shown in errors.
    public let file: String
    /// The value being read.
    public let value: DocumentValue
    /// The path of the value, such as `zones[3].codes["127.0.0.2"]`.
    public let path: String

    /// Creates a reader for a whole document.
    public init(file: String, value: DocumentValue, path: String = "") {
        self.file = file
        self.value = value
        self.path = path
    }

    /// An error about this value.
    public func error(_ message: String) -> DocumentError {
        DocumentError(file: file, line: value.line, path: path, message: message)
    }

    /// Whether the value is JSON/YAML null (or an empty YAML value).
    public var isNull: Bool {
        if case .null = value.content { return true }
        return false
    }

    /// The value as an object whose keys must all be in `allowing`.
    /// - Throws: ``DocumentError`` when it is not an object or has an unknown key.
    public func object(allowing keys: Set<String>) throws -> ObjectReader {
        guard case .object(let pairs) = value.content else { throw mismatch("an object") }
        for (key, member) in pairs where !keys.contains(key) {
            let near = keys.sorted().joined(separator: ", ")
            throw DocumentError(
                file: file,
                line: member.line ?? value.line,
                path: child(key),
                message: "unknown field (expected one of: \(near))"
            )
        }
        return ObjectReader(reader: self, pairs: pairs)
    }

    /// The value as an object with any keys, for maps such as `codes`.
    /// - Throws: ``DocumentError`` when it is not an object.
    public func map() throws -> [(key: String, value: DocumentReader)] {
        guard case .object(let pairs) = value.content else { throw mismatch("an object") }
        return pairs.map { ($0.key, DocumentReader(file: file, value: $0.value, path: keyPath($0.key))) }
    }

    /// The value as a list.
    /// - Throws: ``DocumentError`` when it is not a list.
    public func array() throws -> [DocumentReader] {
        guard case .array(let items) = value.content else { throw mismatch("a list") }
        return items.enumerated().map { DocumentReader(file: file, value: $1, path: "\(path)[\($0)]") }
    }

    /// The value as a string (an unquoted YAML scalar counts as its text).
    /// - Throws: ``DocumentError`` when it is not a string.
    public func string() throws -> String {
        if case .string(let text) = value.content { return text }
        if let text = value.plainText { return text }
        throw mismatch("a string")
    }

    /// The value as a non-empty string.
    /// - Throws: ``DocumentError`` when it is not a string or is empty.
    public func nonEmptyString() throws -> String {
        let text = try string()
        guard !text.trimmingSpaces.isEmpty else { throw error("must not be empty") }
        return text
    }

    /// The value as a boolean.
    /// - Throws: ``DocumentError`` when it is not `true` or `false`.
    public func bool() throws -> Bool {
        if case .bool(let flag) = value.content { return flag }
        throw mismatch("true or false")
    }

    /// The value as a whole number inside `range`.
    /// - Throws: ``DocumentError`` when it is not an integer or out of range.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .number(let text) = value.content else { throw mismatch("a whole number") }
        guard let number = Int(text) else {
            // Digits too many for an Int are a number out of range, not "not a whole number".
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            if !digits.isEmpty && digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                throw error("\(text) is out of range (\(range.lowerBound)...\(range.upperBound))")
            }
            throw error("expected a whole number, found \(text)")
        }
        guard range.contains(number) else {
            throw error("\(number) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return number
    }

    /// The value as a list of strings; a single string counts as a list of one.
    /// - Throws: ``DocumentError`` when an element is not a string.
    public func stringList() throws -> [String] {
        if case .array = value.content { return try array().map { try $0.string() } }
        return [try string()]
    }

    func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func keyPath(_ key: String) -> String { "\(path)[\"\(key)\"]" }

    private func mismatch(_ expected: String) -> DocumentError {
        error("expected \(expected), found \(value.typeName)")
    }
}

/// The fields of an object in a document, read by name.
public struct ObjectReader: Sendable {
    let reader: DocumentReader
    let pairs: [(key: String, value: DocumentValue)]

    /// The field `key`, or `nil` when it is absent or null.
    public func optional(_ key: String) -> DocumentReader? {
        guard let member = pairs.first(where: { $0.key == key })?.value else { return nil }
        let field = DocumentReader(file: reader.file, value: member, path: reader.child(key))
        return field.isNull ? nil : field
    }

    /// The field `key`.
    /// - Throws: ``DocumentError`` when it is absent or null.
    public func required(_ key: String) throws -> DocumentReader {
        guard let field = optional(key) else {
            throw DocumentError(
                file: reader.file,
                line: reader.value.line,
                path: reader.child(key),
                message: "missing required field"
            )
        }
        return field
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
