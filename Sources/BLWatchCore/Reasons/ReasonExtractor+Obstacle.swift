/// Responses that cannot give a reason: error statuses, rate limits, bot challenges, JavaScript shells.
extension ReasonExtractor {
    /// Pages with more visible text than this are content, whatever their footer says about rate limits.
    static let shortPageBytes = 1500
    /// A challenge widget on a page with more text than this is part of a real page (a lookup form).
    static let challengePageBytes = 600
    /// A page with scripts and less text than this is an application shell.
    static let shellPageBytes = 200

    static let rateLimitPhrases = phrases([
        "too many requests", "rate limit", "rate-limit", "ratelimit", "query limit", "request limit",
        "quota exceeded", "exceeded the maximum number of",
    ])
    static let captchaPhrases = phrases([
        "captcha", "cf-challenge", "just a moment", "verify you are human", "verify that you are human",
        "attention required", "checking your browser", "checking if the site connection is secure",
        "are you a robot", "not a robot", "are you human", "security check",
    ])
    static let javascriptPhrases = phrases([
        "enable javascript", "requires javascript", "javascript is required", "javascript is disabled",
        "turn on javascript", "javascript must be enabled", "javascript enabled", "need javascript",
    ])

    /// The obstacle that keeps this response from giving a reason, if any (status first, then content).
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - page: the parsed body.
    /// - Returns: the obstacle, or `nil` when the page can be read for a reason.
    public static func obstacle(status: Int, page: LookupPage) -> PageObstacle? {
        switch status {
        case 429: return .rateLimited
        case 401, 403: return .forbidden
        case 200..<300: return contentObstacle(page)
        default: return .httpStatus(status)
        }
    }

    /// The obstacle a 2xx page's content shows.
    private static func contentObstacle(_ page: LookupPage) -> PageObstacle? {
        let title = Array((page.title ?? "").lowercased().utf8)
        let size = page.text.utf8.count
        let text = Array(page.text.utf8.prefix(shortPageBytes)).map(ASCIIBytes.lowercased)
        func says(_ phrases: [[UInt8]], within limit: Int) -> Bool {
            phrases.contains { phrase in
                ASCIIBytes.find(phrase, in: title, from: 0) != nil
                    || (size <= limit && ASCIIBytes.find(phrase, in: text, from: 0) != nil)
            }
        }
        if says(rateLimitPhrases, within: shortPageBytes) { return .rateLimited }
        if says(captchaPhrases, within: shortPageBytes) { return .captcha }
        if !page.challengeMarkers.isEmpty, size <= challengePageBytes { return .captcha }
        let mentionsListing = ASCIIBytes.find(Array("listed".utf8), in: text, from: 0) != nil
        if page.scriptCount > 0, size < shellPageBytes, !mentionsListing { return .javascriptOnly }
        if says(javascriptPhrases, within: 400), !mentionsListing { return .javascriptOnly }
        let letters = page.text.unicodeScalars.prefix(4096).filter(\.properties.isAlphabetic).count
        return letters < 3 ? .empty : nil
    }
}
