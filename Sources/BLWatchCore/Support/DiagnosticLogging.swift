import Logging
import Synchronization

/// Switches blwatch's debug log on: resolver retransmissions, TCP fallbacks and dropped datagrams,
/// on stderr. Off by default, so cron mail holds only the report.
///
/// The log names DNS queries, and a query of a keyed zone carries the DQS key
/// (`2.0.0.127.<key>.zen.dq.spamhaus.net`): secrets registered with ``withhold(_:)`` are replaced
/// in every line before it is written.
public enum DiagnosticLogging {
    /// The secrets of the loaded configuration.
    private static let withheld = Mutex<[String]>([])

    /// Sends debug-level log lines to stderr. Call once, before any work starts.
    public static func enable() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .debug
            return RedactingLogHandler(base: handler) { withheld.withLock { $0 } }
        }
    }

    /// Keeps `secrets` out of the log from now on (the configuration is read after logging starts).
    /// - Parameter secrets: the values to replace; empty ones are ignored.
    public static func withhold(_ secrets: [String]) {
        let values = secrets.filter { !$0.isEmpty }
        guard !values.isEmpty else { return }
        withheld.withLock { list in
            // Longest first, so a secret that contains another is replaced whole.
            list = Array(Set(list + values)).sorted { $0.count > $1.count }
        }
    }
}
