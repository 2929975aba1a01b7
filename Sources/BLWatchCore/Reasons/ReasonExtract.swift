/// What a lookup page (or TXT record) says about a listing.
///
/// Every field is evidence quoted or normalised from the source, never invented: an alert can show
/// "why" without anyone opening the page.
public struct ReasonExtract: Sendable, Hashable, Codable {
    /// What the page says about the subject as a whole.
    public enum PageVerdict: String, Sendable, Codable {
        /// The page says the subject is (or was) listed.
        case listed
        /// The page says the subject is not listed.
        case notListed
        /// The page says neither, or both without saying which is about the subject.
        case unclear
    }

    /// The page's verdict on the subject.
    public var pageVerdict: PageVerdict
    /// Up to 3 sentences that explain the listing, most specific first (HELO, infection, spam trap, policy),
    /// each at most 300 characters, no duplicates.
    public var reasons: [String]
    /// Detection or listing times, normalised to "YYYY-MM-DD HH:MM[:SS] UTC" when parseable, else as
    /// written; no duplicates, up to 5.
    public var detectedAt: [String]
    /// HELO/EHLO names the page reports, "(empty)" for an empty one; no duplicates, up to 10.
    public var heloValues: [String]
    /// Bot, malware or botnet names ("Cutwail", "Necurs"…), up to 5.
    public var threats: [String]
    /// The most specific delisting / removal link.
    public var delistURL: String?
    /// URLs the source points to for details (the lookup page a TXT answer names); not a reason by itself.
    public var links: [String]

    /// Makes an extract.
    /// - Parameters:
    ///   - pageVerdict: the page's verdict.
    ///   - reasons: explaining sentences.
    ///   - detectedAt: detection times.
    ///   - heloValues: reported HELO names.
    ///   - threats: bot or malware names.
    ///   - delistURL: the removal link.
    ///   - links: URLs pointing to details.
    public init(
        pageVerdict: PageVerdict = .unclear,
        reasons: [String] = [],
        detectedAt: [String] = [],
        heloValues: [String] = [],
        threats: [String] = [],
        delistURL: String? = nil,
        links: [String] = []
    ) {
        self.pageVerdict = pageVerdict
        self.reasons = reasons
        self.detectedAt = detectedAt
        self.heloValues = heloValues
        self.threats = threats
        self.delistURL = delistURL
        self.links = links
    }

    /// Decodes an extract, treating missing fields as empty so older stored documents still read.
    /// - Parameter decoder: the decoder.
    /// - Throws: `DecodingError` when a present field has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pageVerdict = try container.decodeIfPresent(PageVerdict.self, forKey: .pageVerdict) ?? .unclear
        reasons = try container.decodeIfPresent([String].self, forKey: .reasons) ?? []
        detectedAt = try container.decodeIfPresent([String].self, forKey: .detectedAt) ?? []
        heloValues = try container.decodeIfPresent([String].self, forKey: .heloValues) ?? []
        threats = try container.decodeIfPresent([String].self, forKey: .threats) ?? []
        delistURL = try container.decodeIfPresent(String.self, forKey: .delistURL)
        links = try container.decodeIfPresent([String].self, forKey: .links) ?? []
    }

    /// Whether the extract holds nothing but the verdict (``links`` do not count: they are where to look,
    /// not what was found).
    public var isEmpty: Bool {
        reasons.isEmpty && detectedAt.isEmpty && heloValues.isEmpty && threats.isEmpty && delistURL == nil
    }

    /// One line for a table, such as
    /// `HELO "(empty)"; last detected 2026-11-29 10:15:00 UTC; This IP address was observed…`; "" when empty.
    public var summary: String {
        var parts: [String] = []
        if !heloValues.isEmpty {
            parts.append("HELO " + heloValues.prefix(3).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let latest = latestDetection { parts.append("last detected \(latest)") }
        if !threats.isEmpty { parts.append("threat " + threats.prefix(3).joined(separator: ", ")) }
        if let reason = reasons.first { parts.append(Self.shortened(reason, to: 120)) }
        return parts.joined(separator: "; ")
    }

    /// The latest normalised detection time, else the first one written.
    public var latestDetection: String? {
        let normalised = detectedAt.filter { $0.hasSuffix(" UTC") && $0.first?.isNumber == true }
        return normalised.max() ?? detectedAt.first
    }

    /// The text cut to at most `limit` characters at a word boundary, with "…" when cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        var cut = text.prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 40 {
            cut = cut[..<space]
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" { cut = cut.dropLast() }
        return cut + "…"
    }
}
