import Foundation

/// The `blwatch scan` pipeline: settings → selection → plan → lock → store → queries → history → report.
///
/// Everything that can stop the run (bad config, bad catalog, held lock, unusable database) is
/// checked before the first query, so a failing run leaves the database as it was.
public struct ScanJob: Sendable {
    private let settings: RunSettings
    private let progress: (@Sendable (Int, Int) -> Void)?

    /// Creates the job.
    public init(settings: RunSettings, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.settings = settings
        self.progress = progress
    }

    /// Runs the scan and stores it.
    /// - Returns: the report, with the changes against the previous run.
    /// - Throws: ``ConfigError``, ``StoreError``, ``ResolverError``.
    public func run() async throws -> ScanReport {
        let selection = try settings.selection()
        guard !settings.targets.isEmpty else {
            throw ConfigError(
                "nothing to scan: add targets to \(settings.configPath ?? "blwatch.yaml") or pass --ip ADDRESS"
            )
        }
        let plan = ScanPlan(targets: settings.targets, zones: selection.zones, key: settings.config.dqsKey)
        let lock = try RunLock(databasePath: settings.databasePath)
        let store = try HistoryStore(path: settings.databasePath)
        try FeedJob.preflight(settings)
        let resolver = try await StubResolver.open(
            servers: settings.servers,
            options: .init(timeout: settings.timeout)
        )
        let (budgets, todayWarnings) = Self.budgets(for: plan, usedToday: try store.queriesToday())
        // Over a list's daily limit at the configured schedule, even if today's budget still lasts.
        let scansPerDay = settings.config.scansPerDay ?? BudgetEstimate.defaultScansPerDay
        let budgetWarnings = todayWarnings + BudgetEstimate(plan: plan, scansPerDay: scansPerDay).warnings
        // The HELO audit's DNS part (PTR, forward confirmation, HELO name), stored with the scan. It
        // runs beside the DNSBL queries on the same sockets, so its round trips cost no wall time.
        async let audits = AuditJob.scanAudits(settings, resolver: resolver)
        let result = await ScanRunner(
            resolver: resolver,
            options: .init(maxInFlight: settings.concurrency),
            progress: progress
        ).run(plan, budgets: budgets)
        let audit = await audits
        await resolver.close()
        let alerts = settings.config.alerts
        let (run, changes, events) = try store.record(
            result,
            plan: plan,
            confirm: alerts.confirm,
            channels: alerts.channels,
            audit: audit
        )
        // The scan is stored: from here on nothing may fail it. Reasons are best effort, in budget.
        let reasons = await ReasonJob(settings: settings, store: store).fillMissing()
        // Alerts go after the reasons, so a digest says why; a channel that is down fails nothing.
        let delivery = await AlertJob(settings: settings, store: store).deliver()
        let diagnosis = try? AuditJob(settings: settings, store: store).diagnosis()
        let feedWarnings = FeedJob(settings: settings, store: store)
            .afterScan(health: result.health, zones: plan.zones.map(\.zone), diagnosis: diagnosis)
        withExtendedLifetime(lock) {}
        var report = ScanReport(
            result: result,
            plan: plan,
            catalog: settings.catalog,
            selectionWarnings: selection.warnings
                + [ConfigSecrets.warning(config: settings.config, path: settings.configPath)].compactMap { $0 }
                + budgetWarnings + reasons.warnings + delivery.failures
                + feedWarnings,
            changes: changes,
            run: run
        )
        report.reasons = (try? store.reasonsOfOpenListings()) ?? [:]
        report.diagnosis = diagnosis
        report.events = events
        report.alertsDelivered = delivery.delivered
        return report
    }

    /// What each zone with a daily limit (lists.json `limits.queriesPerDay`) may still send today,
    /// and a warning for each zone this scan would take over it.
    static func budgets(for plan: ScanPlan, usedToday: [String: Int]) -> (budgets: [String: Int], warnings: [String]) {
        var budgets: [String: Int] = [:]
        var warnings: [String] = []
        let needed = plan.pairCountByZone
        let probes = plan.healthProbesByZone
        for planned in plan.zones {
            guard let daily = planned.zone.limits?.queriesPerDay else { continue }
            let left = max(0, daily - usedToday[planned.zone.id, default: 0])
            budgets[planned.zone.id] = left
            let want = needed[planned.zone.id, default: 0] + probes[planned.zone.id, default: 0]
            if want > left {
                warnings.append(
                    "zone \(planned.zone.id): this scan needs \(want) queries but only \(left) of its daily \(daily) are left "
                        + "(lists.json limits.queriesPerDay); the pairs beyond are unknown: scan less often, or use a key"
                )
            }
        }
        return (budgets, warnings)
    }
}
