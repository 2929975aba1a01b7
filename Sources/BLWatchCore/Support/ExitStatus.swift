/// The process exit statuses of `blwatch`, defined in one place (STYLE.md B3).
///
/// `scan` and `check` report their verdicts through the first three; the rest are failures that
/// stopped the command. The numbers follow sysexits(3) where one fits, so that cron wrappers and
/// Nagios-style checks can tell "listed" from "broken".
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Every verdict is clean.
    case clean = 0
    /// At least one target is listed on at least one zone.
    case listed = 1
    /// Nothing is listed, but at least one verdict is unknown (dead zone, refusing list, resolver failure).
    case unknown = 2
    /// The command line is wrong (EX_USAGE).
    case usage = 64
    /// The zone catalog (`lists.json`) is invalid (EX_DATAERR).
    case catalogInvalid = 65
    /// A bug: an error blwatch did not expect (EX_SOFTWARE).
    case internalError = 70
    /// The database, the feed or another file could not be read or written (EX_IOERR).
    case ioFailure = 74
    /// Another `blwatch scan` holds the lock on the database (EX_TEMPFAIL).
    case locked = 75
    /// The operator configuration (`blwatch.yaml`) is invalid (EX_CONFIG).
    case configInvalid = 78

    /// One line for `--help` texts and the README table.
    public var summary: String {
        switch self {
        case .clean: "every verdict clean"
        case .listed: "at least one listing"
        case .unknown: "nothing listed, some verdicts unknown"
        case .usage: "usage error"
        case .catalogInvalid: "lists.json invalid"
        case .internalError: "internal error"
        case .ioFailure: "database or file I/O failure"
        case .locked: "another scan holds the lock"
        case .configInvalid: "configuration invalid"
        }
    }
}
