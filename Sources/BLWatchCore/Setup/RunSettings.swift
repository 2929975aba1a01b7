import Foundation

/// Everything a command needs to run, merged from the command line, `blwatch.yaml` and defaults,
/// in that order of precedence.
public struct RunSettings: Sendable {
    /// What the command line says; `nil` and empty mean "not given".
    public struct Overrides: Sendable {
        public var configPath: String?
        public var listsPath: String?
        public var databasePath: String?
        public var servers: [String] = []
        public var targets: [String] = []
        public var domains: [String] = []
        public var selectors: [String] = []
        public var concurrency: Int?
        public var timeout: Int?
        /// Whether the config's targets and domains are scanned too (`check` looks only at its arguments).
        public var useConfigTargets = true
        /// `--feed FILE`.
        public var feedPath: String?
        /// `--metrics FILE`.
        public var metricsPath: String?
        /// Where the system's nameservers are listed when neither the command line nor the config names one.
        public var resolvConfPath = "/etc/resolv.conf"

        /// No overrides.
        public init() {}
    }

    /// The configuration file read, if any.
    public var configPath: String?
    /// The configuration (empty when there is no file).
    public var config: OperatorConfig
    /// The catalog.
    public var catalog: Catalog
    /// Targets from the config and the command line.
    public var targets: [Target]
    /// Zone selectors (config or command line).
    public var selectors: [String]
    /// Whether `selectors` came from the config, so an unknown one can be located there.
    var selectorsFromConfig: Bool
    /// Resolvers, in order.
    public var servers: [ServerAddress]
    /// The database file.
    public var databasePath: String
    /// Queries in flight.
    public var concurrency: Int
    /// Timeout of one DNS attempt.
    public var timeout: Duration
    /// Where `scan` writes the JSON feed, if anywhere.
    public var feedPath: String?
    /// Where `scan` writes Prometheus metrics, if anywhere.
    public var metricsPath: String?
    /// Days of history in the feed.
    public var feedHistoryDays: Int

    /// Merges the sources.
    /// - Throws: ``ConfigError`` for a bad config or option, ``CatalogError`` for a bad catalog,
    ///   ``ResolverError`` when no resolver is known.
    public static func resolve(_ overrides: Overrides, environment: [String: String]? = nil)
        throws -> RunSettings
    {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let configPath = overrides.configPath ?? defaultConfigPath(environment)
        let config = try configPath.map(OperatorConfig.load(path:)) ?? OperatorConfig()
        let catalog = try CatalogLocator.load(explicit: overrides.listsPath ?? config.catalog, environment: environment)
        var targets: [Target] = []
        if overrides.useConfigTargets { targets = config.targets + config.domains.map { Target(.single($0)) } }
        for text in overrides.targets + overrides.domains {
            do throws(TargetError) {
                targets.append(try Target(parsing: text))
            } catch {
                throw ConfigError("command line: \(error.message)")
            }
        }
        var servers = config.resolvers
        if !overrides.servers.isEmpty {
            servers = try overrides.servers.map { text throws(ResolverError) in try ServerAddress(parsing: text) }
        }
        if servers.isEmpty {
            let text = (try? String(contentsOfFile: overrides.resolvConfPath, encoding: .utf8)) ?? ""
            servers = ServerAddress.fromResolvConf(text)
        }
        // No resolver is an error only for commands that query (the resolver says so when opened):
        // status, history and lists work without one.
        return RunSettings(
            configPath: configPath,
            config: config,
            catalog: catalog,
            targets: targets,
            selectors: overrides.selectors.isEmpty ? config.lists.map(\.text) : overrides.selectors,
            selectorsFromConfig: overrides.selectors.isEmpty,
            servers: servers,
            databasePath: overrides.databasePath ?? config.database ?? defaultDatabasePath(environment),
            concurrency: overrides.concurrency ?? config.concurrency ?? 128,
            timeout: .seconds(overrides.timeout ?? config.timeout ?? 2),
            feedPath: overrides.feedPath ?? config.feed,
            metricsPath: overrides.metricsPath ?? config.metrics,
            feedHistoryDays: config.feedHistoryDays ?? 30
        )
    }

    /// The zones the selectors choose, with warnings.
    /// - Throws: ``ConfigError`` naming the selector (and its line when it came from the config).
    public func selection() throws -> ZoneSelection {
        switch catalog.select(selectors, hasKey: config.dqsKey != nil) {
        case .success(let selection): return selection
        case .failure(let unknown):
            let message = "\"\(unknown.selector)\" is neither a zone id nor a tag in \(catalog.source)"
            if selectorsFromConfig, unknown.index < config.lists.count {
                let located = config.lists[unknown.index].error
                throw ConfigError(
                    DocumentError(file: located.file, line: located.line, path: located.path, message: message)
                )
            }
            throw ConfigError("--list: \(message)")
        }
    }

    /// `$BLWATCH_CONFIG`, else `/etc/blwatch/blwatch.yaml` when it exists.
    static func defaultConfigPath(_ environment: [String: String]) -> String? {
        if let path = environment["BLWATCH_CONFIG"], !path.isEmpty { return path }
        let system = "/etc/blwatch/blwatch.yaml"
        return FileManager.default.fileExists(atPath: system) ? system : nil
    }

    /// `/var/lib/blwatch` for root, else `$XDG_STATE_HOME/blwatch` (default `~/.local/state/blwatch`).
    static func defaultDatabasePath(_ environment: [String: String]) -> String {
        if getuid() == 0 { return "/var/lib/blwatch/blwatch.sqlite" }
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return (state as NSString).appendingPathComponent("blwatch/blwatch.sqlite")
    }
}
