import Foundation

/// A link on a lookup page: an absolute http(s) URL and the text it was shown with.
public struct PageLink: Sendable, Hashable {
    /// The absolute `http` or `https` URL.
    public var url: String
    /// The anchor text (or a form's text for a form action), whitespace collapsed.
    public var text: String

    /// Makes a link.
    /// - Parameters:
    ///   - url: the absolute URL.
    ///   - text: the text shown for it.
    public init(url: String, text: String) {
        self.url = url
        self.text = text
    }

    /// Longer `href` values are ignored: no lookup page needs them, and hostile pages use them to waste time.
    static let maximumHrefLength = 8192

    /// Resolves an `href` against the page's URL, keeping only absolute http(s) results.
    ///
    /// Fragment-only references, `javascript:`, `mailto:` and other schemes give `nil`.
    /// - Parameters:
    ///   - href: the attribute value, entities already decoded.
    ///   - base: the URL the page was fetched from (or its `<base href>`).
    /// - Returns: the absolute URL, or `nil`.
    static func resolve(_ href: String, against base: URL?) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.utf8.count <= maximumHrefLength, !trimmed.hasPrefix("#") else { return nil }
        // Browsers drop tabs and newlines inside URLs (WHATWG URL "remove all ASCII tab or newline").
        let cleaned = trimmed.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
            .replacingOccurrences(of: " ", with: "%20")
        guard let resolved = URL(string: cleaned, relativeTo: base)?.absoluteURL,
            let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = resolved.host, !host.isEmpty
        else { return nil }
        return resolved.absoluteString
    }
}
