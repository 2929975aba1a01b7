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

    /// Loads `path`, and withholds its secrets from the debug log.
    /// - Throws: ``ConfigError`` naming the file, line and field.
    public static func load(path: String) throws -> OperatorConfig {
        switch DocumentFile.read(path) {
        case .success(let text):
            let config = try parse(text, file: path)
            // `--verbose` may already be logging, and query names carry the DQS key.
            DiagnosticLogging.withhold(ConfigSecrets.values(of: config))
            return config
        case .failure(let problem):
            throw ConfigError(problem.message(path: path, unreadable: "cannot read the configuration file"))
        }
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
            config.targets = try distinct(object.optional("targets"), target) { target in
                switch target.scope {
                case .single(let subject): subject.description
                case .network(let network): network.description
                }
            }
            config.domains = try distinct(object.optional("domains"), domain) { $0.description }
            config.lists = try distinct(object.optional("lists"), selector) { $0.text }
            config.resolvers = try object.optional("resolvers")?.array().map(resolver) ?? []
            config.dqsKey = try object.optional("dqsKey").map(dqsKey)
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

    /// The entries of a list, each read by `read`; the same entry twice is an error naming both, like
    /// a duplicate key or a duplicate zone id in `lists.json`: the operator meant something else.
    private static func distinct<Item>(
        _ list: DocumentReader?,
        _ read: (DocumentReader) throws -> Item,
        identity: (Item) -> String
    ) throws -> [Item] {
        var items: [Item] = []
        var seen: [String: DocumentReader] = [:]
        for entry in try list?.array() ?? [] {
            let item = try read(entry)
            let key = identity(item)
            if let first = seen[key] {
                let line = first.value.line.map { ", line \($0)" } ?? ""
                throw entry.error("\(key) is listed twice (first as \(first.path)\(line))")
            }
            seen[key] = entry
            items.append(item)
        }
        return items
    }

    private static func selector(_ entry: DocumentReader) throws -> Selector {
        Selector(text: try entry.nonEmptyString(), error: entry.error(""))
    }

    /// The DQS key goes into DNS names (`<key>.zen.dq.spamhaus.net`), so it must be one DNS label;
    /// the message never repeats it.
    private static func dqsKey(_ field: DocumentReader) throws -> String {
        let key = try field.nonEmptyString()
        let isLabelByte: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        guard key.utf8.count <= 63, key.utf8.allSatisfy(isLabelByte) else {
            throw field.error(
                "not a DQS key: expected letters, digits and dashes, at most 63 (one DNS label); the value is not shown"
            )
        }
        return key
    }

    /// The HELO name a target's MTA should send: a host name or an address literal, never text with
    /// spaces, control characters or more than 253 bytes.
    private static func helo(_ field: DocumentReader) throws -> String {
        let text = try field.nonEmptyString()
        guard text.utf8.count <= 253, text.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            let shown = text.utf8.count <= 80 ? "\"\(text)\"" : "the value"
            throw field.error(
                "\(shown) is not a HELO name (a host name of at most 253 bytes, no spaces or control characters)"
            )
        }
        return text
    }

    private static func target(_ entry: DocumentReader) throws -> Target {
        let address: DocumentReader
        var helo: String?
        if case .object = entry.value.content {
            let object = try entry.object(allowing: ["address", "helo"])
            address = try object.required("address")
            helo = try object.optional("helo").map(Self.helo)
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
