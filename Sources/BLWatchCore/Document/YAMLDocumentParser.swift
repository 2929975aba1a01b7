import Foundation
internal import Yams

/// Parses a YAML document (the operator's `blwatch.yaml`) into a ``DocumentValue`` tree with lines.
///
/// Quoted scalars are strings; unquoted ones are read as null, booleans, numbers or strings by
/// their text, and keep that text so that a field wanting a string accepts `helo: 12` as well.
/// Anchors and aliases are refused: a monitoring config does not need them, and refusing them rules
/// out alias bombs ("billion laughs"). Yams resolves an alias to a copy of the anchored node, so the
/// anchor is what is refused, while the parser that holds the anchors is still alive.
public enum YAMLDocumentParser {
    /// Parses `text`, naming `file` in errors.
    /// - Throws: ``DocumentError`` with the line of the problem.
    public static func parse(_ text: String, file: String) throws(DocumentError) -> DocumentValue {
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw describe(error, file: file)
        } catch {
            throw DocumentError(file: file, line: nil, path: "", message: "invalid YAML: \(error)")
        }
        guard let root else { return DocumentValue(.object([]), line: 1) }
        // Nodes hold their anchors weakly; the parser keeps them, so it must outlive the conversion.
        let value = try withExtendedLifetime(parser) { () throws(DocumentError) in try convert(root, file: file) }
        // A document holding only `---` or `~` is as empty as an empty file.
        if case .null = value.content { return DocumentValue(.object([]), line: 1) }
        return value
    }

    private static func convert(_ node: Node, file: String) throws(DocumentError) -> DocumentValue {
        let line = node.mark?.line
        if node.anchor != nil {
            throw DocumentError(file: file, line: line, path: "", message: "YAML anchors and aliases are not supported")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return DocumentValue(.string(scalar.string), line: line) }
            return DocumentValue(plainContent(scalar.string), line: line, plainText: scalar.string)
        case .sequence(let sequence):
            var items: [DocumentValue] = []
            for item in sequence { items.append(try convert(item, file: file)) }
            return DocumentValue(.array(items), line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: DocumentValue)] = []
            var seen: Set<String> = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw DocumentError(file: file, line: key.mark?.line, path: "", message: "keys must be plain text")
                }
                guard seen.insert(keyScalar.string).inserted else {
                    throw DocumentError(
                        file: file,
                        line: key.mark?.line,
                        path: "",
                        message: "duplicate key \"\(keyScalar.string)\""
                    )
                }
                pairs.append((keyScalar.string, try convert(value, file: file)))
            }
            return DocumentValue(.object(pairs), line: line)
        case .alias:
            throw DocumentError(file: file, line: line, path: "", message: "YAML anchors and aliases are not supported")
        }
    }

    private static func plainContent(_ text: String) -> DocumentValue.Content {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default:
            if Int(text) != nil || (Double(text) != nil && text.first != "." && !text.contains("inf")) {
                return .number(text)
            }
            return .string(text)
        }
    }

    private static func describe(_ error: YamlError, file: String) -> DocumentError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml says where it gave up (mark) and what it was reading (context, from its own line):
            // "found unexpected end of stream while scanning a quoted scalar that starts on line 2".
            var detail = problem
            if problem.hasPrefix("Maximum nesting level reached") {
                // libyaml's own text names its C API: say what it means for the file instead.
                return DocumentError(
                    file: file,
                    line: mark.line,
                    path: "",
                    message: "invalid YAML: nested deeper than 1000 levels"
                )
            }
            if let context, !context.text.isEmpty {
                let subject = context.text.replacingOccurrences(of: "while ", with: "")
                detail +=
                    " while \(subject)"
                    + (context.mark.line != mark.line ? " that starts on line \(context.mark.line)" : "")
            }
            return DocumentError(file: file, line: mark.line, path: "", message: "invalid YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return DocumentError(file: file, line: context.mark.line, path: "", message: "duplicate key \(keys)")
        case .reader(let problem, let offset, let value, let yaml):
            // The offset counts characters; a NUL or control character is named by its code.
            let line = offset.map { yaml.prefix($0).reduce(1) { $1.isNewline ? $0 + 1 : $0 } }
            let code = "0x" + String(UInt32(bitPattern: value), radix: 16, uppercase: true)
            return DocumentError(file: file, line: line, path: "", message: "unreadable YAML: \(problem) (\(code))")
        default:
            return DocumentError(file: file, line: nil, path: "", message: "invalid YAML: \(error)")
        }
    }
}
