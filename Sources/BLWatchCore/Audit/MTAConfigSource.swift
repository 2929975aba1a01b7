/// One configuration text for ``MTAConfigLint``, split into the logical lines of each MTA.
struct MTAConfigSource: Sendable {
    /// A logical line and the number of its first physical line.
    struct Line: Sendable {
        var number: Int
        var text: String
    }

    /// The file name, or the name given with the text.
    let name: String
    /// The physical lines.
    let lines: [String]

    /// Exim's logical lines: a line ending in `\` continues on the next (leading spaces dropped
    /// there); lines whose first non-space character is `#` are comments (Exim spec, "Configuration file").
    func eximLines() -> [Line] {
        var result: [Line] = []
        var current: Line?
        for (offset, raw) in lines.enumerated() {
            let text = Self.trim(raw)
            if current == nil, text.hasPrefix("#") { continue }
            var piece = current == nil ? raw : text
            let continues = piece.hasSuffix("\\")
            if continues { piece.removeLast() }
            if current == nil { current = Line(number: offset + 1, text: "") }
            current?.text += piece
            if !continues, let line = current {
                result.append(line)
                current = nil
            }
        }
        if let current { result.append(current) }
        return result
    }

    /// Postfix's logical lines (`main.cf`, `postconf` output): a line starting with white space
    /// continues the previous one; `#` lines are comments (postconf(5)).
    func postfixLines() -> [Line] {
        var result: [Line] = []
        for (offset, raw) in lines.enumerated() {
            let text = Self.trim(raw)
            if text.isEmpty || text.hasPrefix("#") { continue }
            if raw.first == " " || raw.first == "\t", !result.isEmpty {
                result[result.count - 1].text += " " + text
            } else {
                result.append(Line(number: offset + 1, text: text))
            }
        }
        return result
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trim(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }),
            let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
