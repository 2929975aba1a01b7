import DNSWire
import Foundation

/// Runs a plan: health probes for every (zone, kind) first, then every (subject, zone) query,
/// handed out by a ``PairScheduler`` to a fixed set of workers. Produces values only; storing and
/// alerting are later stages.
public struct ScanRunner: Sendable {
    /// Tuning for a run.
    public struct Options: Sendable {
        /// Probes in flight at once, over all zones.
        public var maxInFlight: Int
        /// Probes in flight at once on one zone (default: half of `maxInFlight`, so that one slow
        /// zone cannot hold every slot).
        public var maxInFlightPerZone: Int?
        /// Keep clean observations in the result (ad hoc checks show them; scans only count them).
        public var keepClean: Bool

        /// Creates options.
        public init(maxInFlight: Int = 128, maxInFlightPerZone: Int? = nil, keepClean: Bool = false) {
            self.maxInFlight = max(1, maxInFlight)
            self.maxInFlightPerZone = maxInFlightPerZone.map { max(1, $0) }
            self.keepClean = keepClean
        }
    }

    /// What one worker found.
    private struct Partial: Sendable {
        var observations: [Observation] = []
        var listed = 0
        var clean = 0
        var unknown = 0
        var txtQueries: [String: Int] = [:]
    }

    private let resolver: any Resolver
    private let options: Options
    private let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    /// Creates a runner.
    /// - Parameters:
    ///   - resolver: where queries go.
    ///   - options: concurrency and what to keep.
    ///   - progress: called now and then with the pairs done and the total.
    public init(
        resolver: any Resolver,
        options: Options = Options(),
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) {
        self.resolver = resolver
        self.options = options
        self.progress = progress
    }

    /// Runs `plan`.
    /// - Parameter budgets: queries each zone id may still send today (health probes included);
    ///   zones without an entry have no budget.
    /// - Returns: the health results, the observations and the counts.
    public func run(_ plan: ScanPlan, budgets: [String: Int] = [:]) async -> ScanResult {
        var result = ScanResult(
            startedAt: Date(),
            finishedAt: Date(),
            servers: resolver.serverDescriptions,
            health: [],
            observations: []
        )
        // A zone whose budget cannot even pay for its health probes is not touched at all: never
        // probed, so never trusted, so none of its pairs may be queried either.
        let probesPerZone = plan.healthProbesByZone
        let unaffordable = Set(
            probesPerZone.filter { zone, probes in budgets[zone].map { $0 < probes } ?? false }.map(\.key)
        )
        let affordable = plan.healthChecks.filter { !unaffordable.contains($0.zone.zone.id) }
        result.health = await ZoneHealthChecker(resolver: resolver).checkAll(
            affordable.map { ($0.zone.zone, $0.zone.name, $0.kind) }
        )
        var queries = probesPerZone.filter { !unaffordable.contains($0.key) }
        let scheduler = PairScheduler(
            plan: plan,
            limits: limits(
                plan,
                health: result.health,
                budgets: budgets.merging(unaffordable.map { ($0, 0) }) { $1 },
                spent: queries
            ),
            now: .now
        )
        let total = plan.pairCount
        let workers = min(options.maxInFlight, max(1, total))
        var partials = await withTaskGroup(of: Partial.self) { group in
            for _ in 0..<workers { group.addTask { await work(plan, scheduler: scheduler, total: total) } }
            var partials: [Partial] = []
            for await partial in group { partials.append(partial) }
            return partials
        }
        // One allocation of the final size: a /16 with 2 % listed keeps thousands of observations.
        result.observations.reserveCapacity(partials.reduce(0) { $0 + $1.observations.count })
        // Each worker's observations are freed as soon as they are copied.
        while let partial = partials.popLast() {
            result.observations += partial.observations
            result.listedCount += partial.listed
            result.cleanCount += partial.clean
            result.unknownCount += partial.unknown
            for (zone, count) in partial.txtQueries { queries[zone, default: 0] += count }
        }
        for (zone, count) in scheduler.sentByZone { queries[zone, default: 0] += count }
        result.queriesByZone = queries
        result.queryCount = queries.values.reduce(0, +)
        progress?(total, total)
        // Answers arrive in any order; reports and tests want subject order, then catalog zone order.
        let zoneOrder = Dictionary(uniqueKeysWithValues: plan.zones.enumerated().map { ($1.zone.id, $0) })
        result.observations.sort { lhs, rhs in
            lhs.subject != rhs.subject
                ? lhs.subject < rhs.subject : zoneOrder[lhs.zoneID, default: 0] < zoneOrder[rhs.zoneID, default: 0]
        }
        result.finishedAt = Date()
        return result
    }

    /// One worker: takes pairs from the scheduler until there are none left.
    private func work(_ plan: ScanPlan, scheduler: PairScheduler, total: Int) async -> Partial {
        let prober = DNSBLProber(resolver: resolver)
        var partial = Partial()
        while true {
            let observation: Observation
            let done: Int
            switch scheduler.next(now: .now) {
            case .probe(let subject, let index):
                let planned = plan.zones[index]
                observation = await prober.probe(subject, zone: planned.zone, name: planned.name)
                done = scheduler.finished(zoneIndex: index)
                if observation.verdict.isListed && planned.zone.publishesTXT {
                    partial.txtQueries[planned.zone.id, default: 0] += 1
                }
            case .decided(let decided):
                observation = decided
                done = scheduler.finished(zoneIndex: nil)
            case .wait(let duration):
                try? await Task.sleep(for: duration)
                continue
            case .finished:
                return partial
            }
            switch observation.verdict {
            case .listed: partial.listed += 1
            case .clean: partial.clean += 1
            case .unknown: partial.unknown += 1
            }
            if !observation.verdict.isClean || options.keepClean { partial.observations.append(observation) }
            if done % 500 == 0 { progress?(done, total) }
        }
    }

    /// The scheduler limits of each planned zone.
    private func limits(_ plan: ScanPlan, health: [ZoneHealth], budgets: [String: Int], spent: [String: Int])
        -> [PairScheduler.ZoneLimits]
    {
        let perZone =
            options.maxInFlightPerZone ?? (plan.zones.count > 1 ? max(8, options.maxInFlight / 2) : options.maxInFlight)
        return plan.zones.map { planned in
            var problems: [ZoneKind: HealthProblem] = [:]
            for row in health where row.zoneID == planned.zone.id {
                if let problem = row.problem { problems[row.kind] = problem }
            }
            return PairScheduler.ZoneLimits(
                maxInFlight: perZone,
                queriesPerSecond: planned.zone.limits?.queriesPerSecond.map(Double.init),
                budget: budgets[planned.zone.id].map { max(0, $0 - spent[planned.zone.id, default: 0]) },
                problems: problems
            )
        }
    }
}
