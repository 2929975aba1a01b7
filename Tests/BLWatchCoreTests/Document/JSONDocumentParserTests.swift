import Testing

@testable import BLWatchCore

/// The strict JSON parser behind `lists.json`: values, the lines they sit on, and the syntax it refuses.
@Suite struct JSONDocumentParserTests {
    private func parse(_ text: String) throws -> DocumentValue {
        try JSONDocumentParser.parse(text, file: "t.json")
    }

    private func string(_ value: DocumentValue) -> String? {
        if case .string(let text) = value.content { return text }
        return nil
    }

    private func number(_ value: DocumentValue) -> String? {
        if case .number(let text) = value.content { return text }
        return nil
    }

    private func members(_ value: DocumentValue) -> [(key: String, value: DocumentValue)] {
        if case .object(let pairs) = value.content { return pairs }
        return []
    }

    private func items(_ value: DocumentValue) -> [DocumentValue] {
        if case .array(let items) = value.content { return items }
        return []
    }

    // MARK: - Values

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""""#, ""),
        (#""quote \" backslash \\ slash \/""#, #"quote " backslash \ slash /"#),
        (#""\b\f\n\r\t""#, "\u{08}\u{0C}\n\r\t"),
        (#""\u00e9\u00C9 \u0000""#, "éÉ \u{00}"),
        // RFC 8259 §7: characters outside the BMP are escaped as a UTF-16 surrogate pair.
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD834\uDD1E clef""#, "𝄞 clef"),
        ("\"raw UTF-8: é 😀\"", "raw UTF-8: é 😀"),
    ])
    func decodesStrings(json: String, expected: String) throws {
        #expect(string(try parse(json)) == expected)
    }

    @Test(arguments: ["0", "-0", "42", "12345678901234567890123", "1.50", "-2.5E-3", "1e400", "6.02e+23"])
    func keepsNumbersAsText(text: String) throws {
        // Kept verbatim so a big integer never loses digits through Double, and 1.50 stays 1.50.
        #expect(number(try parse(text)) == text)
        #expect(items(try parse("[\(text)]")).map(number) == [text])
    }

    @Test func readsLiteralsAndContainersInOrder() throws {
        let root = try parse(#"{"z": true, "a": false, "m": null, "list": [], "object": {}}"#)
        let pairs = members(root)
        #expect(pairs.map(\.key) == ["z", "a", "m", "list", "object"])
        try #require(pairs.count == 5)
        if case .bool(let flag) = pairs[0].value.content { #expect(flag) } else { Issue.record("z is not a boolean") }
        if case .bool(let flag) = pairs[1].value.content { #expect(!flag) } else { Issue.record("a is not a boolean") }
        if case .null = pairs[2].value.content {} else { Issue.record("m is not null") }
        if case .array = pairs[3].value.content {} else { Issue.record("list is not a list") }
        #expect(items(pairs[3].value).isEmpty)
        if case .object = pairs[4].value.content {} else { Issue.record("object is not an object") }
        #expect(members(pairs[4].value).isEmpty)
    }

    @Test func recordsTheLineOfEveryValue() throws {
        let text = """
            {
              "a": 1,
              "b": [
                true,

                "x\\ny"
              ],
              "c": {"d": null}
            }
            """
        let root = try parse(text)
        #expect(root.line == 1)
        let pairs = members(root)
        #expect(pairs.map(\.value.line) == [2, 3, 8])
        try #require(pairs.count == 3)
        // An escaped newline inside a string does not move the line count.
        #expect(items(pairs[1].value).map(\.line) == [4, 6])
        #expect(members(pairs[2].value).map(\.value.line) == [8])
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try parse(depth64)
        var levels = 1
        while let inner = items(value).first {
            value = inner
            levels += 1
        }
        #expect(levels == 64)
    }

    // MARK: - Errors

    @Test(arguments: [
        (
            String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
            "t.json:1: invalid JSON: nested deeper than 64 levels"
        ),
        ("{} x", "t.json:1: invalid JSON: unexpected text after the JSON value"),
        ("{\n}\n\n[]\n", "t.json:4: invalid JSON: unexpected text after the JSON value"),
        ("\"tab\there\"", "t.json:1: invalid JSON: control character inside a string"),
        ("[\n  \"line\nbreak\"\n]", "t.json:2: invalid JSON: control character inside a string"),
        ("", "t.json:1: invalid JSON: unexpected end of file"),
        ("\"open", "t.json:1: invalid JSON: unterminated string"),
        (#""\x""#, "t.json:1: invalid JSON: invalid escape"),
        (#""\u12G4""#, #"t.json:1: invalid JSON: invalid \u escape"#),
        (#""\ud83d\u0041""#, "t.json:1: invalid JSON: unpaired surrogate \\uD83D"),
        (#""\ud83d""#, "t.json:1: invalid JSON: unpaired surrogate \\uD83D"),
        ("[1,\n2,\n]", "t.json:2: invalid JSON: trailing comma before ]"),
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", #"t.json:3: invalid JSON: duplicate key "a""#),
        ("{'a': 1}", "t.json:1: invalid JSON: expected a quoted key"),
        (#"{"a" 1}"#, "t.json:1: invalid JSON: expected :"),
        ("tru", "t.json:1: invalid JSON: expected true"),
        ("01", "t.json:1: invalid JSON: number with a leading zero"),
        ("1.", "t.json:1: invalid JSON: malformed number"),
        ("-", "t.json:1: invalid JSON: malformed number"),
        ("1e+", "t.json:1: invalid JSON: malformed number"),
    ])
    func rejectsInvalidJSON(json: String, message: String) {
        let error = #expect(throws: DocumentError.self) { try parse(json) }
        #expect(error?.description == message)
        #expect(error?.path == "")
    }
}
