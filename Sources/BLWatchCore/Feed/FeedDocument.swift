public import Foundation

/// The JSON feed that dashboards read, version 1 (`feed.schema.json` in the repository).
///
/// Keys are stable and camelCase; times are RFC 3339 in UTC; an optional value that is absent is
/// left out. A new field may be added within a version; a change of meaning or a removal takes a
/// new `schemaVersion`.
public struct FeedDocument: Codable, Sendable, Equatable {
    /// Who wrote the feed.
    public struct Generator: Codable, Sendable, Equatable {
        public var name = "blwatch"
        public var version = BLWatchVersion.current
    }

    /// The last scan's summary.
    public struct Scan: Codable, Sendable, Equatable {
        public var runId: Int64
        public var startedAt: Date
        public var finishedAt: Date
        public var durationSeconds: Double
        public var targets: Int
        public var zones: Int
        public var queries: Int
        public var listed: Int
        public var clean: Int
        public var unknown: Int
        public var exitStatus: Int
        public var servers: [String]
    }

    /// Whether the resolver gave usable answers in the last scan.
    public struct Resolver: Codable, Sendable, Equatable {
        public var servers: [String]
        public var fit: Bool
        public var problem: String?
    }

    /// Counts for a headline.
    public struct Summary: Codable, Sendable, Equatable {
        public var monitoredTargets: Int
        public var targetsListed: Int
        public var openListings: Int
        public var unknownVerdicts: Int
        public var unhealthyZones: Int
        public var pendingAlerts: Int
    }

    /// A listing code and its meaning.
    public struct Code: Codable, Sendable, Equatable {
        public var code: String
        public var meaning: String
        public var list: String?
    }

    /// Why a listing is listed, from its lookup page or WQS.
    public struct Reason: Codable, Sendable, Equatable {
        public var source: String
        public var url: String
        public var fetchedAt: Date
        public var unavailable: String?
        public var summary: String
        public var reasons: [String]
        public var heloValues: [String]
        public var detectedAt: [String]
        public var threats: [String]
    }

    /// An open listing.
    public struct Listing: Codable, Sendable, Equatable {
        public var zone: String
        public var zoneName: String
        public var codes: [Code]
        public var since: Date
        public var lastSeen: Date
        public var txt: String?
        public var delistURL: String?
        public var reason: Reason?
    }

    /// A pair whose latest verdict is unknown: neither listed nor clean.
    public struct Unknown: Codable, Sendable, Equatable {
        public var zone: String
        public var cause: String
        public var detail: String
        public var since: Date
    }

    /// A target with listings or unknown verdicts.
    public struct Target: Codable, Sendable, Equatable {
        public var target: String
        public var listed: Bool
        public var listings: [Listing]
        public var unknown: [Unknown]
    }

    /// A zone's health per kind of query.
    public struct ZoneKindHealth: Codable, Sendable, Equatable {
        public var kind: String
        public var state: String
        public var problem: String?
        public var detail: String?
    }

    /// A zone and its health.
    public struct Zone: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// `unhealthy` when any kind is, else `untested` when any kind is, else `healthy`.
        public var state: String
        public var kinds: [ZoneKindHealth]
    }

    /// A listing episode inside the history window, for timelines.
    public struct Episode: Codable, Sendable, Equatable {
        public var target: String
        public var zone: String
        public var zoneName: String
        public var codes: String
        public var start: Date
        public var end: Date?
        public var open: Bool
    }

    /// A listing appearing or clearing.
    public struct Event: Codable, Sendable, Equatable {
        public var at: Date
        public var kind: String
        public var target: String
        public var zone: String
    }

    /// The HELO audit: open findings and the diagnosis.
    public struct Audit: Codable, Sendable, Equatable {
        /// A finding that still holds.
        public struct Finding: Codable, Sendable, Equatable {
            public var source: String
            public var kind: String
            public var severity: String
            public var subject: String
            public var title: String
            public var evidence: [String]
            public var fix: String
            public var since: Date
            public var lastSeen: Date
        }

        /// The ranked causes, with a one-line summary.
        public struct DiagnosisSummary: Codable, Sendable, Equatable {
            public var summary: String
            public var causes: [Diagnosis.Cause]
        }

        public var findings: [Finding]
        public var diagnosis: DiagnosisSummary
    }

    public var schemaVersion = 1
    public var generatedAt: Date
    public var generator = Generator()
    public var historyDays: Int
    /// Minutes between scans (`scansPerDay` in the config), so a reader can tell a stale feed.
    public var scanIntervalMinutes: Int
    public var lastScan: Scan?
    public var resolver: Resolver
    public var summary: Summary
    public var targets: [Target]
    public var zones: [Zone]
    public var episodes: [Episode]
    public var events: [Event]
    /// Absent until an audit has found something.
    public var audit: Audit?

    /// The document as JSON text: sorted keys, RFC 3339 UTC dates, `null` for absent values.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
