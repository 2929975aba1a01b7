/// The `blwatch lists test` pipeline: only the RFC 5782 health probes of the selected zones.
public struct ListsTestJob: Sendable {
    private let settings: RunSettings

    /// Creates the job.
    public init(settings: RunSettings) {
        self.settings = settings
    }

    /// Probes every kind of every selected zone.
    /// - Returns: the health results and the warnings (selection and resolver).
    /// - Throws: ``ConfigError``, ``ResolverError``.
    public func run() async throws -> (health: [ZoneHealth], warnings: [String]) {
        let selection = try settings.selection()
        let resolver = try await StubResolver.open(servers: settings.servers, options: .init(timeout: settings.timeout))
        let checker = ZoneHealthChecker(resolver: resolver)
        let key = settings.config.dqsKey
        let checks = selection.zones.flatMap { zone in
            zone.kinds.sorted().compactMap { kind in zone.dnsName(key: key).map { (zone, $0, kind) } }
        }
        let health = await checker.checkAll(checks)
        await resolver.close()
        return (
            health,
            selection.warnings + ScanReport.resolverWarnings(health: health, servers: resolver.serverDescriptions)
        )
    }
}
