import DNSWire

/// Reads and checks a zone's `codes` table: keys are 127/8 values or inclusive ranges that must not
/// overlap, and each entry carries what that answer means.
enum CodeTableReader {
    static func codes(_ field: DocumentReader?) throws -> [(range: CodeRange, meaning: CodeMeaning)] {
        guard let field else { return [] }
        var table: [(range: CodeRange, meaning: CodeMeaning)] = []
        for (key, entry) in try field.map() {
            let range = try self.range(key, entry)
            if let clash = table.first(where: { $0.range.overlaps(range) }) {
                throw entry.error("overlaps \"\(clash.range)\"")
            }
            table.append((range, try meaning(entry)))
        }
        return table
    }

    private static func range(_ key: String, _ entry: DocumentReader) throws -> CodeRange {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, let lower = IPv4Address(String(parts[0])) else {
            throw entry.error("not an IPv4 address or an a.b.c.d-a.b.c.d range")
        }
        let upper = parts.count == 2 ? IPv4Address(String(parts[1])) : lower
        guard let upper, lower <= upper else { throw entry.error("not an IPv4 address or an a.b.c.d-a.b.c.d range") }
        guard lower.value >> 24 == 127, upper.value >> 24 == 127 else { throw entry.error("outside 127.0.0.0/8") }
        guard !CodeRange(lower, upper).contains(IPv4Address(127, 0, 0, 1)) else {
            throw entry.error("127.0.0.1 cannot be a code: RFC 5782 reserves it as the never-listed test entry")
        }
        return CodeRange(lower, upper)
    }

    private static func meaning(_ entry: DocumentReader) throws -> CodeMeaning {
        let object = try entry.object(allowing: ["kind", "meaning", "list", "category", "severity", "action", "cause"])
        let kind = try closed(object.required("kind"), CodeMeaning.Kind.self)
        var meaning = CodeMeaning(
            kind: kind,
            meaning: try object.required("meaning").nonEmptyString(),
            list: try object.optional("list")?.string(),
            action: try object.optional("action")?.string()
        )
        switch kind {
        case .listing:
            meaning.category = try closed(object.required("category"), CodeMeaning.Category.self)
            meaning.severity = try closed(object.required("severity"), CodeMeaning.Severity.self)
        case .error:
            meaning.cause = try closed(object.required("cause"), CodeMeaning.ErrorCause.self)
        case .reputation, .allow:
            for name in ["category", "severity", "cause"] {
                if let stray = object.optional(name) { throw stray.error("only listings and errors take \(name)") }
            }
        }
        return meaning
    }

    private static func closed<Value: RawRepresentable & CaseIterable>(
        _ field: DocumentReader,
        _ type: Value.Type
    ) throws -> Value where Value.RawValue == String {
        let text = try field.string()
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw field.error("unknown value \"\(text)\" (expected \(allowed))")
        }
        return value
    }
}
