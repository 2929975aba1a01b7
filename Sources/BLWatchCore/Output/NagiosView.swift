import Foundation

/// `--nagios`: one line for Nagios, Icinga and other Monitoring Plugins hosts.
///
/// The Monitoring Plugins development guidelines: the first line of stdout is
/// `SERVICE STATE - text | perfdata`, the exit status is 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN,
/// and perfdata is `label=value[UOM];warn;crit;min;max` with range thresholds ("0" alerts above 0).
/// A listing is CRITICAL; unknown verdicts alone are a WARNING, never a listing; a command that
/// could not run (bad config, no database, lock) is UNKNOWN.
public struct NagiosView: Sendable, Equatable {
    /// The plugin state, with its exit status.
    public enum State: Int32, Sendable, Comparable {
        case ok = 0
        case warning = 1
        case critical = 2
        case unknown = 3

        /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
        public var label: String {
            switch self {
            case .ok: "OK"
            case .warning: "WARNING"
            case .critical: "CRITICAL"
            case .unknown: "UNKNOWN"
            }
        }

        public static func < (lhs: State, rhs: State) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The state.
    public let state: State
    /// The text after the state.
    public let summary: String
    /// The performance data, each `label=value;warn;crit;min`.
    public let perfdata: [String]

    /// Builds a line.
    public init(state: State, summary: String, perfdata: [String] = []) {
        self.state = state
        self.summary = Self.oneLine(summary)
        self.perfdata = perfdata
    }

    /// UNKNOWN with the error that stopped the command.
    public init(error message: String) {
        self.init(state: .unknown, summary: message)
    }

    /// The line to print.
    public var line: String {
        "BLWATCH \(state.label) - \(summary)" + (perfdata.isEmpty ? "" : " | " + perfdata.joined(separator: " "))
    }

    /// The counts every line carries: listed is critical above 0, unknown a warning above 0.
    static func counts(listed: Int, clean: Int, unknown: Int) -> [String] {
        ["listed=\(listed);;0;0", "clean=\(clean);;;0", "unknown=\(unknown);0;;0"]
    }

    /// The first `limit` items, then how many more.
    static func list(_ items: [String], limit: Int = 3) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? " and \(items.count - limit) more" : "")
    }

    /// `zone (cause)` groups of unknown verdicts, most frequent first.
    static func unknownGroups(_ pairs: [(zone: String, cause: String)]) -> String {
        var counts: [String: Int] = [:]
        for pair in pairs { counts["\(pair.zone) (\(pair.cause))", default: 0] += 1 }
        return list(counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key))
    }

    /// The plugin line must stay one line, and `|` would start the perfdata.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: "; ").replacingOccurrences(of: "|", with: "/")
    }
}
