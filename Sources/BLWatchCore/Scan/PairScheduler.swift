import NIOConcurrencyHelpers

/// Hands out the (subject, zone) pairs of a plan to the probing workers, one at a time.
///
/// Zones take turns (round robin), so one slow zone never holds up the others. Each zone has its
/// own cap on queries in flight, an optional rate limit (a token bucket, queries per second) and an
/// optional budget for the run (from the list's daily limit); pairs beyond the budget, and every
/// pair of a zone that failed its health probes, are decided as unknown without a query.
final class PairScheduler: Sendable {
    /// What a worker should do next.
    enum Step: Sendable {
        /// Query `zoneIndex` about `subject`, then call ``finished(zoneIndex:)``.
        case probe(subject: Subject, zoneIndex: Int)
        /// This pair is decided without a query.
        case decided(Observation)
        /// Nothing may start now; ask again after this long.
        case wait(Duration)
        /// Every pair has been handed out.
        case finished
    }

    /// Limits for one zone.
    struct ZoneLimits: Sendable {
        /// Queries in flight at most.
        var maxInFlight: Int
        /// Queries per second at most, or `nil` for no limit.
        var queriesPerSecond: Double?
        /// Queries this run may send at most, or `nil` for no budget.
        var budget: Int?
        /// Health problems by key kind: every pair of an unhealthy kind is unknown.
        var problems: [ZoneKind: HealthProblem] = [:]
    }

    private struct ZoneState {
        let id: String
        let kinds: Set<ZoneKind>
        var limits: ZoneLimits
        var cursor = 0
        var inFlight = 0
        var sent = 0
        var tokens: Double
        var refilledAt: ContinuousClock.Instant
    }

    private struct State {
        var zones: [ZoneState]
        var turn = 0
        var completed = 0
    }

    private let subjects: [Subject]
    private let state: NIOLockedValueBox<State>

    /// Creates a scheduler for `plan` with per-zone limits (indexed like `plan.zones`).
    init(plan: ScanPlan, limits: [ZoneLimits], now: ContinuousClock.Instant) {
        subjects = plan.subjects
        let zones = zip(plan.zones, limits).map { planned, limits in
            ZoneState(
                id: planned.zone.id,
                kinds: planned.zone.kinds,
                limits: limits,
                tokens: limits.queriesPerSecond.map { max(1, $0) } ?? 0,
                refilledAt: now
            )
        }
        state = NIOLockedValueBox(State(zones: zones))
    }

    /// The next step for a worker.
    func next(now: ContinuousClock.Instant) -> Step {
        state.withLockedValue { state in
            var soonest: Duration?
            var anyLeft = false
            for offset in 0..<state.zones.count {
                let index = (state.turn + offset) % state.zones.count
                guard let subject = nextSubject(&state.zones[index]) else { continue }
                anyLeft = true
                var zone = state.zones[index]
                defer { state.zones[index] = zone }
                if let problem = zone.limits.problems[subject.kind] {
                    zone.cursor += 1
                    return .decided(unknown(subject, zone.id, .zoneUnhealthy(problem)))
                }
                if let budget = zone.limits.budget, zone.sent >= budget {
                    zone.cursor += 1
                    return .decided(unknown(subject, zone.id, .budgetExhausted))
                }
                guard zone.inFlight < zone.limits.maxInFlight else { continue }
                if let rate = zone.limits.queriesPerSecond {
                    refill(&zone, rate: rate, now: now)
                    guard zone.tokens >= 1 else {
                        let wait = Duration.seconds((1 - zone.tokens) / rate)
                        soonest = min(soonest ?? wait, wait)
                        continue
                    }
                    zone.tokens -= 1
                }
                zone.cursor += 1
                zone.inFlight += 1
                zone.sent += 1
                state.turn = (index + 1) % state.zones.count
                return .probe(subject: subject, zoneIndex: index)
            }
            guard anyLeft else { return .finished }
            return .wait(soonest ?? .milliseconds(2))
        }
    }

    /// Reports that a pair is done: a probe of `zoneIndex` (freeing its slot), or a decided pair (`nil`).
    /// - Returns: how many pairs are done so far.
    func finished(zoneIndex: Int?) -> Int {
        state.withLockedValue { state in
            if let zoneIndex { state.zones[zoneIndex].inFlight -= 1 }
            state.completed += 1
            return state.completed
        }
    }

    /// Queries sent per zone id so far.
    var sentByZone: [String: Int] {
        state.withLockedValue { state in
            Dictionary(uniqueKeysWithValues: state.zones.map { ($0.id, $0.sent) })
        }
    }

    /// Moves the zone's cursor to the next subject of a kind it serves, without consuming it.
    private func nextSubject(_ zone: inout ZoneState) -> Subject? {
        while zone.cursor < subjects.count {
            let subject = subjects[zone.cursor]
            if zone.kinds.contains(subject.kind) { return subject }
            zone.cursor += 1
        }
        return nil
    }

    private func refill(_ zone: inout ZoneState, rate: Double, now: ContinuousClock.Instant) {
        let elapsed = now - zone.refilledAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        zone.tokens = min(max(1, rate), zone.tokens + seconds * rate)
        zone.refilledAt = now
    }

    private func unknown(_ subject: Subject, _ zoneID: String, _ cause: UnknownCause) -> Observation {
        Observation(subject: subject, zoneID: zoneID, verdict: .unknown(cause))
    }
}
