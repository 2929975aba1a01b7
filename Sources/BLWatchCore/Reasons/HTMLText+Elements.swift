/// What each element does to the text: line breaks, cells, links, hidden and raw-text content.
extension HTMLText {
    /// Elements that start and end a line of text.
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav", "main", "aside",
        "fieldset", "legend", "blockquote", "hr", "figure", "figcaption", "address", "details", "summary",
        "center", "body", "html", "dialog", "menu", "output",
    ]

    /// Elements whose text is raw (never markup) and not shown.
    static let rawTextElements: Set<String> = [
        "script", "style", "noscript", "iframe", "noembed", "noframes", "xmp", "textarea",
    ]

    /// Elements whose content (markup included) is not shown.
    static let hiddenElements: Set<String> = ["template", "svg", "math", "select", "object"]

    /// Whether attributes of this element are needed.
    static func wantsAttributes(_ name: String) -> Bool {
        name == "a" || name == "form" || name == "input" || name == "base"
    }

    mutating func startTag(_ tag: HTMLTag) {
        let name = tag.name
        if Self.rawTextElements.contains(name) {
            if name == "script" { scriptCount += 1 }
            skipRawText(name)
            return
        }
        switch name {
        case "title":
            if isHiddenContent { break }
            if title == nil { captureTitle() } else { skipRawText("title") }
        case "plaintext":
            index = bytes.count
        case "a":
            closeAnchor()
            if !isHiddenContent, let href = tag.attribute("href", in: bytes) { anchor = OpenLink(href: href) }
        case "form":
            closeForm()
            lineBreak()
            if !isHiddenContent, let action = tag.attribute("action", in: bytes) { form = OpenLink(href: action) }
        case "input":
            addButtonText(tag)
        case "base":
            if baseHref == nil { baseHref = tag.attribute("href", in: bytes) }
        case "tr", "td", "th":
            startTableElement(tag.name)
        case "pre", "listing":
            preDepth += 1
            lineBreak()
        case "button", "img", "label":
            space()
        default:
            startGeneric(tag)
        }
    }

    /// A row starts a line; a cell starts a space-separated part of it.
    private mutating func startTableElement(_ name: String) {
        if name == "tr" {
            closeRow()
            row = []
            lineBreak()
        } else {
            closeCell()
            if row == nil { row = [] }
            cell = CollapsingText(limit: 1024, keepsBreaks: false)
            space()
        }
    }

    private mutating func startGeneric(_ tag: HTMLTag) {
        if Self.hiddenElements.contains(tag.name) {
            if !tag.isSelfClosing { hidden[tag.name, default: 0] += 1 }
        } else if Self.blockElements.contains(tag.name) {
            lineBreak()
        }
    }

    mutating func endTag(_ tag: HTMLTag) {
        switch tag.name {
        case "a":
            closeAnchor()
        case "form":
            closeForm()
            lineBreak()
        case "tr", "table":
            closeRow()
            lineBreak()
        case "td", "th":
            closeCell()
            space()
        case "pre", "listing":
            preDepth = max(0, preDepth - 1)
            lineBreak()
        case "button", "label":
            space()
        default:
            if let depth = hidden[tag.name] {
                hidden[tag.name] = depth > 1 ? depth - 1 : nil
            } else if Self.blockElements.contains(tag.name) {
                lineBreak()
            }
        }
    }

    /// Whether the scanner is inside a hidden element.
    var isHiddenContent: Bool { !hidden.isEmpty }

    /// A submit button's value becomes part of its form's text ("Request removal").
    private mutating func addButtonText(_ tag: HTMLTag) {
        guard form != nil, !isHiddenContent else { return }
        let type = tag.attribute("type", in: bytes)?.lowercased() ?? "text"
        guard type == "submit" || type == "button", let value = tag.attribute("value", in: bytes) else { return }
        form?.text.space()
        form?.text.append(contentsOf: Array(value.utf8).filter { $0 >= 0x20 })
        form?.text.space()
    }

    mutating func closeAnchor() {
        if let anchor, links.count < Self.maximumLinks { links.append((anchor.href, anchor.text.string)) }
        anchor = nil
    }

    mutating func closeForm() {
        if let form, links.count < Self.maximumLinks { links.append((form.href, form.text.string)) }
        form = nil
    }

    mutating func closeCell() {
        if let cell {
            if row == nil { row = [] }
            if let count = row?.count, count < Self.maximumCells { row?.append(cell.string) }
        }
        cell = nil
    }

    mutating func closeRow() {
        closeCell()
        if let row, !row.isEmpty, rows.count < Self.maximumRows { rows.append(row) }
        row = nil
    }
}
