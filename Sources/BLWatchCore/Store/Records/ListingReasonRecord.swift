public import Foundation
public import GRDB

/// One row of `listingReason`: what one source said about why an episode is listed.
///
/// Each episode has at most one row per source. A row is written once, when the source was asked;
/// only `blwatch reason --refresh` asks again and replaces it. A source that could not give a
/// reason (HTTP 429, a captcha, a timeout) still gets a row, with `unavailable` saying why, so the
/// episode is not fetched again on every run.
public struct ListingReasonRecord: Codable, Sendable, Hashable {
    /// Where a reason came from.
    public enum Source: String, Codable, Sendable, Hashable, DatabaseValueConvertible {
        /// The list's lookup page (lists.json `lookupURL`).
        case page
        /// The Spamhaus Web Query Service (needs a DQS key).
        case wqs
    }

    public var id: Int64?
    /// The episode (`listing.id`).
    public var listingId: Int64
    public var source: Source
    /// The URL asked (the WQS URL carries no key: the key travels in a header).
    public var url: String
    /// The final HTTP status, when there was a response.
    public var httpStatus: Int?
    public var fetchedAt: Date
    /// Why no reason could be had (`rate limited (HTTP 429)`); `nil` when the source answered.
    public var unavailable: String?
    /// What the page says.
    public var extract: ReasonExtract?
    /// The listing codes the source reports (WQS), comma-separated.
    public var codes: String?
    /// The page as plain text, capped at ``ReasonSettings/storedTextLimit`` bytes.
    public var pageText: String?

    /// Creates a record.
    public init(
        listingId: Int64,
        source: Source,
        url: String,
        httpStatus: Int? = nil,
        fetchedAt: Date,
        unavailable: String? = nil,
        extract: ReasonExtract? = nil,
        codes: String? = nil,
        pageText: String? = nil
    ) {
        self.listingId = listingId
        self.source = source
        self.url = url
        self.httpStatus = httpStatus
        self.fetchedAt = fetchedAt
        self.unavailable = unavailable
        self.extract = extract
        self.codes = codes
        self.pageText = pageText
    }

    /// The key of a (subject, zone) pair in reason maps.
    public static func key(subject: String, zoneID: String) -> String { subject + "|" + zoneID }

    /// One line for tables: the extract's summary, the WQS codes, or `reason unavailable: <cause>`.
    public var summary: String {
        if let unavailable { return "reason unavailable: \(unavailable)" }
        var parts: [String] = []
        if source == .wqs, let codes { parts.append("Spamhaus WQS: \(codes.isEmpty ? "not listed" : codes)") }
        if let extract {
            if extract.pageVerdict == .notListed { parts.append("the page says it is not listed") }
            if !extract.summary.isEmpty { parts.append(extract.summary) }
        }
        return parts.isEmpty ? "no reason on the page" : parts.joined(separator: "; ")
    }
}

extension ListingReasonRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "listingReason"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
