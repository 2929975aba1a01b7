import Foundation

/// `blwatch config check`: the settings a command would run with, merged from the command line,
/// `blwatch.yaml` and the defaults.
///
/// Secrets are never shown: the view reads only the fields it names, and shows the DQS key as
/// `set` or `not set`.
public struct EffectiveConfigView: Sendable {
    /// The JSON document.
    public struct Document: Codable, Sendable {
        /// The configuration file, or `nil` when none was read.
        public var config: String?
        public var lists: String
        public var catalogZones: Int
        public var database: String
        public var databaseExists: Bool
        public var resolvers: [String]
        public var targets: Int
        public var subjects: Int
        /// The first few targets, as written.
        public var firstTargets: [String]
        public var domains: [String]
        public var selectedZones: [String]
        public var timeoutSeconds: Int
        public var concurrency: Int
        public var scansPerDay: Int
        /// `set` or `not set`; never the key.
        public var dqsKey: String
        public var feed: String?
        public var fetchReasonPages: Bool
        public var warnings: [String]
    }

    /// How many targets the text and JSON show.
    public static let shownTargets = 5

    /// What the view shows.
    public let document: Document

    /// Validates the selection and builds the view.
    /// - Throws: ``ConfigError`` when a selector matches no zone.
    public init(settings: RunSettings) throws {
        let selection = try settings.selection()
        let scansPerDay = settings.config.scansPerDay ?? BudgetEstimate.defaultScansPerDay
        let domainTargets = settings.targets.filter { $0.isDomain }
        let addressTargets = settings.targets.filter { !$0.isDomain }
        let plan = ScanPlan(targets: settings.targets, zones: selection.zones, key: settings.config.dqsKey)
        var warnings = selection.warnings + BudgetEstimate(plan: plan, scansPerDay: scansPerDay).warnings
        if let warning = ConfigSecrets.warning(config: settings.config, path: settings.configPath) {
            warnings.append(warning)
        }
        if settings.targets.isEmpty { warnings.append("no targets: blwatch scan has nothing to scan") }
        if settings.servers.isEmpty {
            warnings.append("no resolver: neither the config nor /etc/resolv.conf names one")
        }
        document = Document(
            config: settings.configPath,
            lists: settings.catalog.source,
            catalogZones: settings.catalog.zones.count,
            database: settings.databasePath,
            databaseExists: FileManager.default.fileExists(atPath: settings.databasePath),
            resolvers: settings.servers.map(\.description),
            targets: addressTargets.count,
            subjects: plan.subjects.count,
            firstTargets: addressTargets.prefix(Self.shownTargets).map(\.text),
            domains: domainTargets.map(\.text),
            selectedZones: selection.zones.map(\.id),
            timeoutSeconds: Int(settings.timeout.components.seconds),
            concurrency: settings.concurrency,
            scansPerDay: scansPerDay,
            dqsKey: settings.config.dqsKey == nil ? "not set" : "set",
            feed: settings.config.feed,
            fetchReasonPages: settings.config.reasons.fetchPages,
            warnings: warnings
        )
    }

    /// The view as JSON.
    public var json: String { ReportDocuments.json(document) }

    /// The view as text.
    public var text: String {
        let more = document.targets > document.firstTargets.count
        let targets =
            document.firstTargets.isEmpty
            ? "none"
            : document.firstTargets.joined(separator: ", ") + (more ? ", …" : "")
        var table = TextTable(["SETTING", "VALUE"])
        let rows: [(String, String)] = [
            ("config", document.config ?? "none (defaults)"),
            ("lists", "\(document.lists) (\(document.catalogZones) zones)"),
            ("database", document.database + (document.databaseExists ? "" : " (not created yet)")),
            ("resolvers", document.resolvers.isEmpty ? "none" : document.resolvers.joined(separator: ", ")),
            ("targets", "\(document.targets): \(targets)"),
            ("domains", document.domains.isEmpty ? "none" : document.domains.joined(separator: ", ")),
            ("subjects", String(document.subjects)),
            ("zones", document.selectedZones.isEmpty ? "none" : document.selectedZones.joined(separator: ", ")),
            ("timeout", "\(document.timeoutSeconds) s"),
            ("concurrency", String(document.concurrency)),
            ("scansPerDay", String(document.scansPerDay)),
            ("dqsKey", document.dqsKey),
            ("feed", document.feed ?? "not set"),
            ("reason pages", document.fetchReasonPages ? "fetched" : "not fetched"),
        ]
        for (name, value) in rows { table.append([name, value]) }
        var out = "configuration is valid\n" + table.render(indent: 0)
        if !document.warnings.isEmpty {
            out += "\n\nwarnings:\n" + document.warnings.map { "  - " + $0 }.joined(separator: "\n")
        }
        return out
    }
}

extension Target {
    fileprivate var isDomain: Bool {
        if case .single(.domain) = scope { return true }
        return false
    }

    /// The target as the operator wrote it, with its HELO name.
    fileprivate var text: String {
        let base: String
        switch scope {
        case .single(let subject): base = subject.description
        case .network(let network): base = network.description
        }
        return expectedHELO.map { "\(base) (helo \($0))" } ?? base
    }
}
