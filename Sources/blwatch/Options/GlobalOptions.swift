import ArgumentParser
import BLWatchCore

/// Options every command shares: where the config, catalog and database are, which resolver to use.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (default: $BLWATCH_CONFIG, else /etc/blwatch/blwatch.yaml if present).",
            valueName: "FILE"
        )
    )
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Zone catalog (default: the installed lists.json, else the source checkout's).",
            valueName: "FILE"
        )
    )
    var lists: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "History database (default: /var/lib/blwatch/blwatch.sqlite as root, else under $XDG_STATE_HOME).",
            valueName: "FILE"
        )
    )
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "DNS resolver to query, HOST[:PORT] or [IPv6]:PORT; repeatable (default: config, else /etc/resolv.conf).",
            valueName: "HOST[:PORT]"
        )
    )
    var server: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Seconds to wait for one DNS answer before retrying (1-60).", valueName: "SECONDS")
    )
    var timeout: Int?

    @Option(name: .long, help: ArgumentHelp("DNS queries in flight at once (1-10000).", valueName: "N"))
    var concurrency: Int?

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    @Flag(name: .long, help: "Log resolver retransmissions, TCP fallbacks and dropped datagrams to stderr.")
    var verbose = false

    func validate() throws {
        if verbose { DiagnosticLogging.enable() }
        if let timeout, !(1...60).contains(timeout) { throw ValidationError("--timeout must be 1 to 60 seconds") }
        if let concurrency, !(1...10_000).contains(concurrency) {
            throw ValidationError("--concurrency must be 1 to 10000")
        }
    }

    /// The command-line overrides for ``RunSettings``.
    func overrides(targets: [String] = [], selectors: [String] = []) -> RunSettings.Overrides {
        var overrides = RunSettings.Overrides()
        overrides.configPath = config
        overrides.listsPath = lists
        overrides.databasePath = db
        overrides.servers = server
        overrides.targets = targets
        overrides.selectors = selectors
        overrides.concurrency = concurrency
        overrides.timeout = timeout
        return overrides
    }
}
