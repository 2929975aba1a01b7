/// What `blwatch audit logs` found in Exim and Postfix logs: rejections of our mail by remote
/// servers, counted by cause, remote host, day and kind of message, plus findings and warnings.
///
/// A rejection is one refusal by one remote host for one message in one delivery attempt: Exim's
/// host-level line and its `**`/`==` line for the same event count once, as do the per-recipient
/// Postfix `status=` lines of one attempt (same message, host and cause within 5 seconds).
/// Each rejection is a **bounce** when its message had the null sender (`<= <>` in Exim,
/// `from=<>` or a `… notification: <id>` link in Postfix), **normal** when its sender was seen
/// and not null, and **unknown** when the logs read do not show the sender (an older rotated file).
///
/// ## Topics
/// - ``Cause``
/// - ``Tally``
/// - ``FileSummary``
public struct MTALogReport: Codable, Sendable, Equatable {
    /// Why a remote server refused our mail.
    public enum Cause: String, Codable, Sendable, CaseIterable {
        /// Our HELO/EHLO had no argument (`Empty HELO/EHLO argument`, `after HELO :`, `Syntax: HELO hostname`).
        case emptyHELO
        /// The argument was malformed (`HELO/EHLO argument "…" invalid`, `Helo command rejected: Invalid name`).
        case heloSyntax
        /// The argument had no dot (`need fully-qualified hostname`).
        case nonFQDN
        /// The name does not resolve (`Helo command rejected: Host not found`).
        case unknownHELO
        /// Another `Helo command rejected` reason.
        case heloRejected
        /// The sending address (or domain) is on a blocklist (Spamhaus, XBL/CBL, `blocked using`, `listed`).
        case blocklist

        /// The ``AuditFinding/kind`` of the finding for this cause.
        public var findingKind: String {
            switch self {
            case .emptyHELO: "remoteRejectedEmptyHELO"
            case .heloSyntax: "remoteRejectedHELOSyntax"
            case .nonFQDN: "remoteRejectedNonFQDN"
            case .unknownHELO: "remoteRejectedUnknownHELO"
            case .heloRejected: "remoteRejectedHELO"
            case .blocklist: "blocklistRejection"
            }
        }

        /// A short label for tables.
        public var label: String {
            switch self {
            case .emptyHELO: "empty HELO"
            case .heloSyntax: "invalid HELO syntax"
            case .nonFQDN: "HELO not fully qualified"
            case .unknownHELO: "HELO name not found"
            case .heloRejected: "HELO rejected (other)"
            case .blocklist: "blocklisted"
            }
        }
    }

    /// Rejections under one key (a cause, a remote host, a day), split by the kind of message.
    public struct Tally: Codable, Sendable, Equatable {
        /// The cause's raw value, `host [ip]`, or the day (`2025-03-04`, or `--03-04` without year).
        public var key: String
        /// All rejections under the key.
        public var rejections: Int
        /// Those of messages with the null sender (bounces, DSNs).
        public var bounces: Int
        /// Those of messages with a known, non-null sender.
        public var normal: Int
        /// Those whose sender the logs do not show.
        public var unknown: Int

        /// An empty tally for `key`.
        public init(key: String) {
            self.key = key
            rejections = 0
            bounces = 0
            normal = 0
            unknown = 0
        }

        /// Whether every rejection with a known sender was a bounce, and there was at least one.
        public var onlyBounces: Bool { bounces > 0 && normal == 0 }
    }

    /// One file read.
    public struct FileSummary: Codable, Sendable, Equatable {
        /// The path given.
        public var path: String
        /// `exim`, `postfix`, `exim+postfix`, or `unknown` when no line was recognised.
        public var format: String
        /// Whether it was gzip-compressed.
        public var compressed: Bool
        /// Lines read (the skipped long ones not included).
        public var lines: Int
        /// Lines longer than the cap, skipped.
        public var skippedLongLines: Int
        /// Lines with no known header (other programs, garbage; Exim continuation lines excluded).
        public var unrecognizedLines: Int
    }

    /// Every file read, in the order given.
    public var files: [FileSummary] = []
    /// Lines read across all files.
    public var linesRead = 0
    /// Lines skipped for their length across all files.
    public var skippedLongLines = 0
    /// Rejections per cause, in ``Cause`` order, causes with none left out.
    public var byCause: [Tally] = []
    /// Rejections per remote host (`name [ip]`), most first.
    public var byRemote: [Tally] = []
    /// Rejections per day, oldest first.
    public var byDay: [Tally] = []
    /// All rejections, split by kind of message.
    public var total = Tally(key: "total")
    /// Listed sending addresses quoted in blocklist rejections.
    public var listedAddresses: [String] = []
    /// Blocklists named in blocklist rejections (`Spamhaus`, `XBL`, `zen.spamhaus.org`).
    public var lists: [String] = []
    /// One finding per cause seen.
    public var findings: [AuditFinding] = []
    /// Files that could not be read, truncated gzip files, skipped lines.
    public var warnings: [String] = []

    /// Creates an empty report.
    public init() {}

    /// The tally of one cause (all zero when it was not seen).
    /// - Parameter cause: the cause.
    /// - Returns: its rejections, bounces, normal and unknown counts.
    public func tally(_ cause: Cause) -> Tally {
        byCause.first { $0.key == cause.rawValue } ?? Tally(key: cause.rawValue)
    }

    /// Whether any finding is critical (the CLI exits 1 then).
    public var hasCritical: Bool {
        findings.contains { $0.severity == .critical }
    }
}
