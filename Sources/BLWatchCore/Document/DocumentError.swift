/// A bad value in a configuration document, located by file, line (when known) and field path.
///
/// The description reads `blwatch.yaml:12: targets[2].ip: "300.1.1.1" is not an IP address` or,
/// without a line, `lists.json: zones[3].codes["127.1.0.2"]: outside 127.0.0.0/8`.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the operator named it.
    public let file: String
    /// The 1-based line, when the parser knows it.
    public let line: Int?
    /// The field path, such as `zones[3].kind`; empty for the whole document.
    public let path: String
    /// What is wrong with the value.
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int?, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if !path.isEmpty { text += ": \(path)" }
        return text + ": " + message
    }
}
