import BLWatchCurl
import Foundation

/// Fetches one lookup page and turns it into a reason row: the extract and the page text, or
/// "reason unavailable" with the cause (429, 403, captcha, JavaScript-only, timeout, too large).
struct PageReasonFetcher: Sendable {
    let client: HTTPClient

    /// - Returns: the row, and whether the transfer timed out (the caller decides whether a timeout
    ///   cut short by the step's budget is worth storing).
    func fetch(_ request: ReasonRequest) async -> (record: ListingReasonRecord, timedOut: Bool) {
        var record = ListingReasonRecord(
            listingId: request.episode.id ?? 0,
            source: .page,
            url: request.url,
            fetchedAt: Date()
        )
        let http = HTTPRequest(
            url: request.url,
            headers: [HTTPHeader("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")]
        )
        do {
            let response = try await client.send(http)
            let page = LookupPage.parse(body: response.body, contentType: response.contentType, url: response.url)
            record.httpStatus = response.status
            record.pageText = Self.capped(page.text)
            if let obstacle = ReasonExtractor.obstacle(status: response.status, page: page) {
                record.unavailable = obstacle.description
            } else {
                record.extract = ReasonExtractor.extract(from: page, subject: request.episode.subject)
            }
        } catch {
            record.unavailable = Self.describe(error, options: client.options)
            return (record, error.code == .timedOut)
        }
        return (record, false)
    }

    /// The cause of a failed transfer, in the words of the settings that bound it.
    static func describe(_ error: CurlError, options: HTTPClientOptions) -> String {
        switch error.code {
        case .timedOut: "no complete answer within \(options.totalTimeout.wholeSeconds) s (reasons.pageTimeout)"
        case .tooLarge: "page larger than \(options.maxBodyBytes) bytes (reasons.maxPageBytes)"
        case .tooManyRedirects: "redirect loop (more than \(options.maxRedirects) redirects)"
        default: error.message
        }
    }

    /// `text` cut to ``ReasonSettings/storedTextLimit`` bytes, on a character boundary.
    static func capped(_ text: String) -> String {
        guard text.utf8.count > ReasonSettings.storedTextLimit else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: ReasonSettings.storedTextLimit)
        while String.Index(end, within: text) == nil, end > text.startIndex {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end]) + "\n[… cut at \(ReasonSettings.storedTextLimit) bytes]"
    }
}

extension Duration {
    /// Whole seconds, rounded up, for messages.
    var wholeSeconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds + (attoseconds > 0 ? 1 : 0)
    }
}
