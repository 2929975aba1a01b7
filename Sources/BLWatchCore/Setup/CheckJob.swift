import Foundation

/// The `blwatch check` pipeline: the same queries as a scan, for ad hoc subjects, touching no database.
public struct CheckJob: Sendable {
    private let settings: RunSettings
    private let adHocZones: [String]

    /// Creates the job.
    /// - Parameters:
    ///   - settings: resolvers, catalog, selectors; `targets` are the subjects to check.
    ///   - adHocZones: zone names not in the catalog, queried with RFC 5782 defaults.
    public init(settings: RunSettings, adHocZones: [String]) {
        self.settings = settings
        self.adHocZones = adHocZones
    }

    /// Runs the check.
    /// - Throws: ``ConfigError``, ``ResolverError``.
    public func run() async throws -> ScanReport {
        var zones: [Zone] = []
        var warnings: [String] = []
        if adHocZones.isEmpty || !settings.selectors.isEmpty {
            let selection = try settings.selection()
            zones = selection.zones
            warnings = selection.warnings
        }
        for name in adHocZones {
            guard let zone = Zone.adHoc(name) else {
                throw ConfigError("--zone: \"\(name)\" is not a valid DNS zone name")
            }
            // A --zone that the catalog knows is queried once, with the catalog's code meanings.
            if !zones.contains(where: { $0.id == zone.id || $0.zoneTemplate.lowercased() == zone.id }) {
                zones.append(zone)
            }
        }
        let plan = ScanPlan(targets: settings.targets, zones: zones, key: settings.config.dqsKey)
        let resolver = try await StubResolver.open(servers: settings.servers, options: .init(timeout: settings.timeout))
        let result = await ScanRunner(
            resolver: resolver,
            options: .init(maxInFlight: settings.concurrency, keepClean: true)
        ).run(plan)
        await resolver.close()
        return ScanReport(result: result, plan: plan, catalog: settings.catalog, selectionWarnings: warnings)
    }
}
