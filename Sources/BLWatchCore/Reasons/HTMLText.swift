/// Turns UTF-8 markup into what a reader sees: text with line breaks at block elements, the title,
/// links with their text, table rows, and how many scripts the page has.
///
/// A single forward pass over the bytes with bounded look-ahead, so hostile input (unterminated tags,
/// huge attributes, megabytes of `<`) costs linear time. Unterminated tags, comments and raw-text
/// elements swallow the rest of the input, as they do in browsers.
struct HTMLText {
    /// A link whose text is still being collected.
    struct OpenLink {
        var href: String
        var text = CollapsingText(limit: 512, keepsBreaks: false)
    }

    let bytes: [UInt8]
    var index = 0
    /// The readable text.
    var text = CollapsingText(limit: Int.max, keepsBreaks: true)
    /// The first `<title>`.
    var title: String?
    /// `<a href>` values and form actions, unresolved, with their text.
    var links: [(href: String, text: String)] = []
    /// Table rows as cell texts.
    var rows: [[String]] = []
    /// How many `<script>` elements the page has.
    var scriptCount = 0
    /// The first `<base href>`.
    var baseHref: String?
    var anchor: OpenLink?
    var form: OpenLink?
    var row: [String]?
    var cell: CollapsingText?
    var hidden: [String: Int] = [:]
    var preDepth = 0

    static let maximumLinks = 2000
    static let maximumRows = 5000
    static let maximumCells = 64

    /// Scans markup.
    /// - Parameter bytes: the page as UTF-8.
    /// - Returns: the finished scan.
    static func scan(_ bytes: [UInt8]) -> HTMLText {
        var scanner = HTMLText(bytes: bytes)
        scanner.run()
        return scanner
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func run() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"): markup()
            case UInt8(ascii: "&"): reference()
            case let byte where Self.isPlain(byte): plainRun()
            default: character()
            }
        }
        closeAnchor()
        closeForm()
        closeRow()
    }

    mutating func visible(_ byte: UInt8) {
        guard !isHiddenContent else { return }
        text.append(byte)
        anchor?.text.append(byte)
        form?.text.append(byte)
        cell?.append(byte)
    }

    /// Whether the byte is visible text that needs no further look: not markup, a reference, whitespace,
    /// a control character or the lead byte of U+00A0 and of the C1 controls.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0x7F && byte != 0xC2
    }

    /// Copies a run of plain bytes in one go (most of a page's text).
    private mutating func plainRun() {
        let start = index
        while index < bytes.count, Self.isPlain(bytes[index]) { index += 1 }
        guard !isHiddenContent else { return }
        let run = bytes[start..<index]
        text.append(run: run)
        anchor?.text.append(run: run)
        form?.text.append(run: run)
        cell?.append(run: run)
    }

    mutating func space() {
        guard !isHiddenContent else { return }
        text.space()
        anchor?.text.space()
        form?.text.space()
        cell?.space()
    }

    mutating func lineBreak() {
        guard !isHiddenContent else { return }
        text.lineBreak()
        anchor?.text.space()
        form?.text.space()
        cell?.space()
    }

    private mutating func character() {
        let byte = bytes[index]
        index += 1
        if ASCIIBytes.isSpace(byte) {
            if preDepth > 0, byte == 0x0A { lineBreak() } else { space() }
        } else if byte == 0xC2, index < bytes.count, bytes[index] == 0xA0 || (0x80...0x9F).contains(bytes[index]) {
            // U+00A0 NO-BREAK SPACE, or a C1 control (U+009B is a one-character CSI to a terminal).
            index += 1
            space()
        } else if byte >= 0x20, byte != 0x7F {
            visible(byte)
        }
    }

    private mutating func reference() {
        guard let reference = HTMLEntities.decode(bytes, at: index, inAttribute: false) else {
            visible(UInt8(ascii: "&"))
            index += 1
            return
        }
        index = reference.end
        switch reference.scalar {
        case 0...0x20, 0x7F, 0xA0, 0x2002, 0x2003, 0x2009: space()
        case 0x200B...0x200F: break
        default:
            var encoded: [UInt8] = []
            ASCIIBytes.appendUTF8(reference.scalar, to: &encoded)
            for byte in encoded { visible(byte) }
        }
    }

    private mutating func markup() {
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        let afterNext = index + 2 < bytes.count ? bytes[index + 2] : 0
        if next == UInt8(ascii: "!") {
            skipDeclaration()
        } else if ASCIIBytes.isLetter(next) || (next == UInt8(ascii: "/") && ASCIIBytes.isLetter(afterNext)) {
            guard let tag = HTMLTag.read(bytes, at: index, keepingAttributes: Self.wantsAttributes) else {
                index = bytes.count
                return
            }
            index = tag.end
            if tag.isEnd { endTag(tag) } else { startTag(tag) }
        } else if next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
            skip(past: UInt8(ascii: ">"), from: index + 1)  // `<?xml …>`, `</ >`: bogus comments
        } else {
            visible(UInt8(ascii: "<"))
            index += 1
        }
    }

    /// Skips `<!-- … -->`, `<!DOCTYPE …>` and `<![CDATA[ … ]]>` (a bogus comment in HTML).
    private mutating func skipDeclaration() {
        guard ASCIIBytes.hasPrefix(Array("<!--".utf8), in: bytes, at: index) else {
            skip(past: UInt8(ascii: ">"), from: index + 2)
            return
        }
        let bodyStart = index + 4
        if ASCIIBytes.hasPrefix([UInt8(ascii: ">")], in: bytes, at: bodyStart) {
            index = bodyStart + 1
        } else if ASCIIBytes.hasPrefix(Array("->".utf8), in: bytes, at: bodyStart) {
            index = bodyStart + 2
        } else if let close = ASCIIBytes.find(Array("-->".utf8), in: bytes, from: bodyStart) {
            index = close + 3
        } else {
            index = bytes.count
        }
    }

    private mutating func skip(past byte: UInt8, from start: Int) {
        let found = start < bytes.count ? bytes[start...].firstIndex(of: byte) : nil
        index = found.map { $0 + 1 } ?? bytes.count
    }

    /// Where the raw text of `name` (script, style, title…) ends: the `</name` and the index after its `>`.
    func rawTextEnd(_ name: String) -> (contentEnd: Int, after: Int) {
        let closer = Array("</\(name)".utf8)
        var cursor = index
        while cursor < bytes.count, let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "<")) {
            let afterName = open + closer.count
            let delimited =
                afterName >= bytes.count || ASCIIBytes.isSpace(bytes[afterName])
                || bytes[afterName] == UInt8(ascii: ">") || bytes[afterName] == UInt8(ascii: "/")
            if delimited, ASCIIBytes.hasPrefix(closer, in: bytes, at: open) {
                let close = afterName < bytes.count ? bytes[afterName...].firstIndex(of: UInt8(ascii: ">")) : nil
                return (open, close.map { $0 + 1 } ?? bytes.count)
            }
            cursor = open + 1
        }
        return (bytes.count, bytes.count)
    }

    mutating func skipRawText(_ name: String) {
        index = rawTextEnd(name).after
    }

    mutating func captureTitle() {
        let end = rawTextEnd("title")
        var captured = CollapsingText(limit: 1024, keepsBreaks: false)
        var cursor = index
        while cursor < end.contentEnd {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "&"), let reference = HTMLEntities.decode(bytes, at: cursor, inAttribute: false) {
                var encoded: [UInt8] = []
                ASCIIBytes.appendUTF8(reference.scalar == 0xA0 ? 0x20 : reference.scalar, to: &encoded)
                if encoded == [0x20] { captured.space() } else { captured.append(contentsOf: encoded) }
                cursor = reference.end
                continue
            }
            if ASCIIBytes.isSpace(byte) { captured.space() } else if byte >= 0x20 { captured.append(byte) }
            cursor += 1
        }
        if title == nil, !captured.isEmpty { title = captured.string }
        index = end.after
    }
}
