/// How blwatch asks the lists why a target is listed: `reasons:` in blwatch.yaml.
///
/// The defaults are polite to the lists' web sites and cheap for the scan: a few pages per host
/// per run, a short timeout, and a time budget for the whole step, after which the remaining
/// episodes wait for the next run.
public struct ReasonSettings: Sendable, Equatable {
    /// Whether lookup pages are fetched at all (WQS is asked whenever a DQS key is configured).
    public var fetchPages = true
    /// Pages fetched per host per run at most.
    public var perHostPerRun = 3
    /// Timeout of one page, connect to last byte.
    public var pageTimeout: Duration = .seconds(10)
    /// Time the whole reason step may take in one run.
    public var budget: Duration = .seconds(30)
    /// Largest page accepted, in bytes (after decompression).
    public var maxPageBytes = 1 << 20
    /// The Spamhaus Web Query Service's lookup endpoint (DOMAIN.md §2.2).
    public var wqsURL = "https://apibl.spamhaus.net/lookup/v1"
    /// Pause between two requests to the same host.
    public var hostGap: Duration = .milliseconds(500)

    /// The page text kept in the history, in bytes.
    public static let storedTextLimit = 64 * 1024

    /// The defaults.
    public init() {}

    static let fields: Set<String> = ["fetchPages", "perHostPerRun", "pageTimeout", "budget", "maxPageBytes", "wqsURL"]

    /// Reads the `reasons:` object of blwatch.yaml.
    /// - Throws: ``DocumentError`` naming the line and field.
    static func read(_ entry: DocumentReader) throws -> ReasonSettings {
        let object = try entry.object(allowing: fields)
        var settings = ReasonSettings()
        settings.fetchPages = try object.optional("fetchPages")?.bool() ?? settings.fetchPages
        settings.perHostPerRun = try object.optional("perHostPerRun")?.int(in: 0...100) ?? settings.perHostPerRun
        if let seconds = try object.optional("pageTimeout")?.int(in: 1...120) {
            settings.pageTimeout = .seconds(seconds)
        }
        if let seconds = try object.optional("budget")?.int(in: 1...3600) { settings.budget = .seconds(seconds) }
        settings.maxPageBytes =
            try object.optional("maxPageBytes")?.int(in: 4096...(64 << 20)) ?? settings.maxPageBytes
        if let field = object.optional("wqsURL") {
            let text = try field.nonEmptyString()
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
                throw field.error("\"\(text)\" is not an http or https URL")
            }
            settings.wqsURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        return settings
    }
}
