import Foundation

/// The operator's configuration, `blwatch.yaml`: what to monitor, which lists, which resolver, where
/// to keep the history. Every field is optional; command-line options override it.
public struct OperatorConfig: Sendable {
    /// A zone selector with the line it came from, so a selector that matches nothing can be located.
    public struct Selector: Sendable {
        public var text: String
        public var error: DocumentError
    }

    /// Addresses and ranges to monitor, with their expected HELO names.
    public var targets: [Target] = []
    /// Domains to check on domain (RHSBL) zones.
    public var domains: [Subject] = []
    /// Zone ids, tags or `all`; empty means the `default` tag.
    public var lists: [Selector] = []
    /// Resolvers to query, in order.
    public var resolvers: [ServerAddress] = []
    /// Spamhaus DQS key, for zones with a `{key}` placeholder.
    public var dqsKey: String?
    /// Database path.
    public var database: String?
    /// Feed path (written by the feed writer).
    public var feed: String?
    /// Days of episodes and events the feed carries.
    public var feedHistoryDays: Int?
    /// Prometheus textfile path.
    public var metrics: String?
    /// Catalog path.
    public var catalog: String?
    /// Queries in flight.
    public var concurrency: Int?
    /// Timeout of one DNS attempt, in seconds.
    public var timeout: Int?
    /// Scans a day the timer or cron runs (1-1440), for the daily query estimates.
    public var scansPerDay: Int?
    /// How listing reasons are fetched.
    public var reasons = ReasonSettings()
    /// Where alerts go.
    public var alerts = AlertSettings()
    /// The MTA whose greeting the scan checks (`audit.smtp`, host:port).
    public var smtpProbe: (host: String, port: Int)?

    /// An empty configuration (all defaults).
    public init() {}

    static let fields: Set<String> = [
        "targets", "domains", "lists", "resolvers", "dqsKey", "database", "feed", "catalog", "concurrency", "timeout",
        "reasons", "alerts", "feedHistoryDays", "metrics", "scansPerDay", "audit",
    ]

    /// Loads `path`.
    /// - Throws: ``ConfigError`` naming the file, line and field.
    public static func load(path: String) throws -> OperatorConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the configuration file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses configuration text.
    /// - Throws: ``ConfigError`` naming `file`, the line and the field.
    /// - Parameter environment: where `passwordEnv` secrets are looked up.
    public static func parse(
        _ text: String,
        file: String,
        environment: [String: String]? = nil
    ) throws -> OperatorConfig {
        let environment = environment ?? ProcessInfo.processInfo.environment
        do {
            let root = DocumentReader(file: file, value: try YAMLDocumentParser.parse(text, file: file))
            let object = try root.object(allowing: fields)
            var config = OperatorConfig()
            config.targets = try object.optional("targets")?.array().map(target) ?? []
            config.domains = try object.optional("domains")?.array().map(domain) ?? []
            config.lists =
                try object.optional("lists")?.array().map {
                    Selector(text: try $0.nonEmptyString(), error: $0.error(""))
                } ?? []
            config.resolvers = try object.optional("resolvers")?.array().map(resolver) ?? []
            config.dqsKey = try object.optional("dqsKey")?.nonEmptyString()
            config.database = try object.optional("database")?.nonEmptyString()
            config.feed = try object.optional("feed")?.nonEmptyString()
            config.feedHistoryDays = try object.optional("feedHistoryDays")?.int(in: 1...3650)
            config.metrics = try object.optional("metrics")?.nonEmptyString()
            config.catalog = try object.optional("catalog")?.nonEmptyString()
            config.concurrency = try object.optional("concurrency")?.int(in: 1...10_000)
            config.timeout = try object.optional("timeout")?.int(in: 1...60)
            config.scansPerDay = try object.optional("scansPerDay")?.int(in: BudgetEstimate.scansPerDayRange)
            config.reasons = try object.optional("reasons").map(ReasonSettings.read) ?? ReasonSettings()
            config.smtpProbe = try object.optional("audit").map(smtpProbe) ?? nil
            config.alerts =
                try object.optional("alerts").map { try AlertSettings.read($0, environment: environment) }
                ?? AlertSettings()
            return config
        } catch let error as DocumentError {
            throw ConfigError(error)
        }
    }

    private static func target(_ entry: DocumentReader) throws -> Target {
        let address: DocumentReader
        var helo: String?
        if case .object = entry.value.content {
            let object = try entry.object(allowing: ["address", "helo"])
            address = try object.required("address")
            helo = try object.optional("helo")?.nonEmptyString()
        } else {
            address = entry
        }
        let text = try address.string()
        do throws(TargetError) {
            let target = try Target(parsing: text, expectedHELO: helo)
            if case .single(.domain) = target.scope {
                throw TargetError("\"\(text)\" is a domain: list it under domains")
            }
            return target
        } catch {
            throw address.error(error.message)
        }
    }

    private static func domain(_ entry: DocumentReader) throws -> Subject {
        let text = try entry.string()
        guard case .domain(let name)? = Subject(text) else { throw entry.error("\"\(text)\" is not a domain name") }
        return .domain(name)
    }

    /// `audit: {smtp: host:port}`: the MTA whose greeting each scan checks.
    private static func smtpProbe(_ entry: DocumentReader) throws -> (host: String, port: Int)? {
        let object = try entry.object(allowing: ["smtp"])
        guard let field = object.optional("smtp") else { return nil }
        let text = try field.nonEmptyString()
        do throws(ResolverError) {
            let address = try ServerAddress(parsing: text, defaultPort: 25)
            return (address.host.description, address.port)
        } catch {
            throw field.error("\"\(text)\" is not an IP address with an optional port (HOST, HOST:PORT, [IPv6]:PORT)")
        }
    }

    private static func resolver(_ entry: DocumentReader) throws -> ServerAddress {
        let text = try entry.string()
        do throws(ResolverError) {
            return try ServerAddress(parsing: text)
        } catch {
            throw entry.error(error.message)
        }
    }
}
