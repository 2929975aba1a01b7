import DNSWire
import Foundation

/// Runs a plan: health probes for every (zone, kind) first, then every (subject, zone) query with a
/// cap on queries in flight. Produces values only; storing and alerting are later stages.
public struct ScanRunner: Sendable {
    /// Tuning for a run.
    public struct Options: Sendable {
        /// Probes in flight at once.
        public var maxInFlight: Int
        /// Keep clean observations in the result (ad hoc checks show them; scans only count them).
        public var keepClean: Bool

        /// Creates options.
        public init(maxInFlight: Int = 256, keepClean: Bool = false) {
            self.maxInFlight = max(1, maxInFlight)
            self.keepClean = keepClean
        }
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
    /// - Returns: the health results, the observations and the counts.
    public func run(_ plan: ScanPlan) async -> ScanResult {
        var result = ScanResult(
            startedAt: Date(),
            finishedAt: Date(),
            servers: resolver.serverDescriptions,
            health: [],
            observations: []
        )
        result.health = await ZoneHealthChecker(resolver: resolver).checkAll(
            plan.healthChecks.map { ($0.zone.zone, $0.zone.name, $0.kind) }
        )
        result.queryCount = result.health.reduce(0) { count, health in
            let zone = plan.zones.first { $0.zone.id == health.zoneID }?.zone
            return count + (zone?.selfTest.listed == true ? 1 : 0) + (zone?.selfTest.notListed == true ? 1 : 0)
        }
        var problems: [String: HealthProblem] = [:]
        for health in result.health {
            if let problem = health.problem { problems[key(health.zoneID, health.kind)] = problem }
        }

        let total = plan.pairCount
        let txtZones = Set(plan.zones.filter(\.zone.publishesTXT).map(\.zone.id))
        let prober = DNSBLProber(resolver: resolver)
        var done = 0
        await withTaskGroup(of: Observation.self) { group in
            var pairs = plan.pairs()
            var inFlight = 0
            var exhausted = false
            while true {
                // Fill the window; pairs on unhealthy zones are decided without a query.
                while !exhausted && inFlight < options.maxInFlight {
                    guard let (subject, index) = pairs.next() else {
                        exhausted = true
                        break
                    }
                    let planned = plan.zones[index]
                    if let problem = problems[key(planned.zone.id, subject.kind)] {
                        let verdict = Verdict.unknown(.zoneUnhealthy(problem))
                        record(Observation(subject: subject, zoneID: planned.zone.id, verdict: verdict), into: &result)
                        done += 1
                        continue
                    }
                    group.addTask { await prober.probe(subject, zone: planned.zone, name: planned.name) }
                    inFlight += 1
                }
                guard let observation = await group.next() else { break }
                inFlight -= 1
                result.queryCount += 1 + (observation.verdict.isListed && txtZones.contains(observation.zoneID) ? 1 : 0)
                record(observation, into: &result)
                done += 1
                if done % 500 == 0 { progress?(done, total) }
            }
        }
        progress?(done, total)
        // Answers arrive in any order; reports and tests want subject order, then catalog zone order.
        let zoneOrder = Dictionary(uniqueKeysWithValues: plan.zones.enumerated().map { ($1.zone.id, $0) })
        result.observations.sort { lhs, rhs in
            lhs.subject != rhs.subject
                ? lhs.subject < rhs.subject : zoneOrder[lhs.zoneID, default: 0] < zoneOrder[rhs.zoneID, default: 0]
        }
        result.finishedAt = Date()
        return result
    }

    private func record(_ observation: Observation, into result: inout ScanResult) {
        switch observation.verdict {
        case .listed: result.listedCount += 1
        case .clean:
            result.cleanCount += 1
            guard options.keepClean else { return }
        case .unknown: result.unknownCount += 1
        }
        result.observations.append(observation)
    }

    private func key(_ zoneID: String, _ kind: ZoneKind) -> String { "\(zoneID)/\(kind.rawValue)" }
}
