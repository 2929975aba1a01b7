import Logging

/// Switches blwatch's debug log on: resolver retransmissions, TCP fallbacks and dropped datagrams,
/// on stderr. Off by default, so cron mail holds only the report.
public enum DiagnosticLogging {
    /// Sends debug-level log lines to stderr. Call once, before any work starts.
    public static func enable() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .debug
            return handler
        }
    }
}
