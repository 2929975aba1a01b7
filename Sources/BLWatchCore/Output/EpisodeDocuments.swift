public import Foundation

extension ReportDocuments {
    /// What one source said about why an episode is listed.
    public struct Reason: Codable, Sendable, Equatable {
        public var source: String
        public var url: String
        public var httpStatus: Int?
        public var fetchedAt: Date
        /// Why no reason could be had; absent when the source answered.
        public var unavailable: String?
        /// `listed`, `notListed` or `unclear`: what the page itself says.
        public var pageVerdict: String?
        public var reasons: [String]?
        public var detectedAt: [String]?
        public var heloValues: [String]?
        public var threats: [String]?
        public var delistURL: String?
        /// WQS codes with their lists (`127.0.0.4 XBL`); empty when WQS says not listed.
        public var codes: String?
        /// One line: what the text output shows.
        public var summary: String
        /// The page as plain text (only in `blwatch reason --json`).
        public var pageText: String?

        /// The document of a stored reason.
        public init(_ record: ListingReasonRecord, withPageText: Bool = false) {
            source = record.source.rawValue
            url = record.url
            httpStatus = record.httpStatus
            fetchedAt = record.fetchedAt
            unavailable = record.unavailable
            pageVerdict = record.extract?.pageVerdict.rawValue
            reasons = record.extract?.reasons
            detectedAt = record.extract?.detectedAt
            heloValues = record.extract?.heloValues
            threats = record.extract?.threats
            delistURL = record.extract?.delistURL
            codes = record.codes
            summary = record.summary
            pageText = withPageText ? record.pageText : nil
        }
    }

    /// A listing episode with its reasons, as `status`, `history` and `reason` print it.
    public struct Episode: Codable, Sendable, Equatable {
        public var id: Int64?
        public var subject: String
        public var zoneId: String
        public var codes: String
        public var meanings: String
        public var txt: String?
        public var firstSeenAt: Date
        public var lastSeenAt: Date
        public var clearedAt: Date?
        /// Where to ask for removal: the page's own link, else the catalog's.
        public var delistURL: String?
        public var reasons: [Reason]

        /// The document of an episode.
        public init(_ episode: ListingRecord, reasons: [ListingReasonRecord], zone: Zone?, withPageText: Bool = false) {
            id = episode.id
            subject = episode.subject
            zoneId = episode.zoneId
            codes = episode.codes
            meanings = episode.meanings
            txt = episode.txt
            firstSeenAt = episode.firstSeenAt
            lastSeenAt = episode.lastSeenAt
            clearedAt = episode.clearedAt
            delistURL = ReasonText.delistURL(reasons, zone: zone, subject: episode.subject)
            self.reasons = reasons.map { Reason($0, withPageText: withPageText) }
        }
    }
}
