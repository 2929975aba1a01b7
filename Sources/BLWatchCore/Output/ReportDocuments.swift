import DNSWire
public import Foundation

/// The JSON shapes `--json` prints, one `Codable` struct per document (STYLE.md B2: camelCase keys).
public enum ReportDocuments {
    /// A listing code and what it means.
    public struct Code: Codable, Sendable, Equatable {
        public var code: String
        public var meaning: String
        public var list: String?
        public var category: String?
        public var severity: String?
        public var action: String?
    }

    /// One verdict.
    public struct Verdict: Codable, Sendable, Equatable {
        public var subject: String
        public var zone: String
        public var verdict: String
        public var codes: [Code]?
        public var txt: String?
        public var cause: String?
        public var detail: String?
        public var lookupURL: String?
        /// Why it is listed, from the lookup page and WQS (scan only, once fetched).
        public var reasons: [Reason]?
        public var answers: [String]?
    }

    /// One zone health result.
    public struct Health: Codable, Sendable, Equatable {
        public var zone: String
        public var kind: String
        public var state: String
        public var problem: String?
        public var detail: String?

        /// The document of a health result.
        public init(_ health: ZoneHealth) {
            zone = health.zoneID
            kind = health.kind.rawValue
            state = health.label
            problem = health.problem?.token
            detail = health.problem?.description
        }
    }

    /// One listing change.
    public struct Change: Codable, Sendable, Equatable {
        public var change: String
        public var subject: String
        public var zone: String
        public var firstSeenAt: Date?
    }

    /// The whole report of `scan --json` and `check --json`.
    public struct Scan: Codable, Sendable {
        public var runId: Int64?
        public var startedAt: Date
        public var finishedAt: Date
        public var servers: [String]
        public var subjects: Int
        public var zones: Int
        public var queries: Int
        public var listed: Int
        public var clean: Int
        public var unknown: Int
        public var exitStatus: Int32
        public var health: [Health]
        public var warnings: [String]
        public var verdicts: [Verdict]
        public var changes: [Change]?
        /// The alert events the run raised (scan only).
        public var events: [AlertEvent]?
        /// Alerts delivered after the run, one line per channel (scan only).
        public var alertsDelivered: [String]?
        /// Ranked causes of the listings (scan only, when the audit has evidence).
        public var diagnosis: Diagnosis?
    }

    /// An encoder with the settings every blwatch document uses.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// `value` as pretty JSON text.
    public static func json(_ value: some Encodable) -> String {
        (try? encoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
