import Foundation

/// A fetched lookup page as plain text plus its links.
///
/// Lookup pages (Spamhaus check results, the old CBL lookup, SpamCop, PSBL, DroneBL) are read, never
/// rendered: ``parse(body:contentType:url:)`` keeps what a reader would see, which is what
/// ``ReasonExtractor`` needs, and drops scripts, styles and markup.
public struct LookupPage: Sendable {
    /// The first `<title>`, whitespace collapsed.
    public var title: String?
    /// The readable text.
    ///
    /// Block elements (p, div, br, li, tr, h1–h6, table, section…) become line breaks; table cells are
    /// separated by a space on one line; script, style, noscript, template and svg contents are dropped;
    /// entities are decoded; runs of spaces and blank lines are collapsed; the text is trimmed.
    public var text: String
    /// `<a href>` links (and form actions, with the form's text and button labels) resolved against the
    /// page URL; only absolute http(s) URLs are kept.
    public var links: [PageLink]
    /// How many `<script>` elements the page has, for spotting pages that only work with JavaScript.
    public var scriptCount: Int
    /// Table rows as the texts of their cells, empty cells included (the text collapses those away,
    /// but an empty HELO column is evidence).
    public var tableRows: [[String]]
    /// Bot-challenge markers found anywhere in the markup, attributes and scripts included, such as
    /// `g-recaptcha`, `hcaptcha`, `cf-challenge` or `challenges.cloudflare.com`.
    public var challengeMarkers: [String]

    /// Makes a page from parts, for callers that already have text.
    /// - Parameters:
    ///   - title: the page title.
    ///   - text: the readable text.
    ///   - links: the page's links.
    ///   - scriptCount: how many scripts the page has.
    ///   - tableRows: table rows as cell texts.
    ///   - challengeMarkers: bot-challenge markers in the markup.
    public init(
        title: String? = nil,
        text: String,
        links: [PageLink] = [],
        scriptCount: Int = 0,
        tableRows: [[String]] = [],
        challengeMarkers: [String] = []
    ) {
        self.title = title
        self.text = text
        self.links = links
        self.scriptCount = scriptCount
        self.tableRows = tableRows
        self.challengeMarkers = challengeMarkers
    }

    /// Reads a fetched page.
    ///
    /// Decodes `body` with the charset from `contentType` (e.g. "text/html; charset=iso-8859-1"), else a
    /// `<meta charset=...>` or `<meta http-equiv=Content-Type content="...charset=...">` within the first
    /// 2 KiB, else UTF-8 if valid, else Windows-1252/Latin-1. Supports utf-8, iso-8859-1/latin1,
    /// windows-1252 and us-ascii (and UTF-16 with a byte order mark). Never traps, and runs in time linear
    /// in the size of the body.
    /// - Parameters:
    ///   - body: the response body.
    ///   - contentType: the `Content-Type` header, if any.
    ///   - url: the URL the page was fetched from, for resolving relative links.
    /// - Returns: the page.
    public static func parse(body: [UInt8], contentType: String?, url: String) -> LookupPage {
        let utf8 = PageCharset.utf8(from: body, contentType: contentType)
        let scan = HTMLText.scan(utf8)
        let pageURL = URL(string: url.trimmingCharacters(in: .whitespacesAndNewlines))
        let base =
            scan.baseHref.flatMap { PageLink.resolve($0, against: pageURL) }.flatMap(URL.init(string:)) ?? pageURL
        var seen: Set<PageLink> = []
        let links = scan.links.compactMap { link -> PageLink? in
            guard let resolved = PageLink.resolve(link.href, against: base) else { return nil }
            let pageLink = PageLink(url: resolved, text: link.text)
            return seen.insert(pageLink).inserted ? pageLink : nil
        }
        return LookupPage(
            title: scan.title,
            text: scan.text.string,
            links: links,
            scriptCount: scan.scriptCount,
            tableRows: scan.rows,
            challengeMarkers: challengeMarkers(in: utf8)
        )
    }

    /// Strings that only bot-challenge pages carry in their markup.
    static let challengeNeedles = [
        "g-recaptcha", "recaptcha/api", "hcaptcha", "h-captcha", "cf-challenge", "challenges.cloudflare.com",
        "cf_chl_", "cf-turnstile", "captcha",
    ]

    /// The challenge markers present in the markup (compared case-insensitively).
    private static func challengeMarkers(in bytes: [UInt8]) -> [String] {
        // Lower-cased once; each needle is then one linear pass.
        let lower = bytes.map(ASCIIBytes.lowercased)
        return challengeNeedles.filter { ASCIIBytes.find(Array($0.utf8), in: lower, from: 0) != nil }
    }
}
