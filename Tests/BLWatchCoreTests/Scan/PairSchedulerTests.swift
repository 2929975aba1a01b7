import DNSWire
import Testing

@testable import BLWatchCore

/// Fair turns, per-zone caps, rate limits, budgets and unhealthy kinds, without any I/O.
struct PairSchedulerTests {
    static func plan(subjects: [String], zones: [String]) throws -> ScanPlan {
        ScanPlan(
            targets: try subjects.map { try Target(parsing: $0) },
            zones: zones.map { Zone(id: $0, name: $0, zoneTemplate: "\($0).test", kinds: [.ipv4, .ipv6]) },
            key: nil
        )
    }

    static func limits(_ count: Int, _ limits: PairScheduler.ZoneLimits = .init(maxInFlight: 100)) -> [PairScheduler
        .ZoneLimits]
    {
        Array(repeating: limits, count: count)
    }

    static func describe(_ step: PairScheduler.Step) -> String {
        switch step {
        case .probe(let subject, let zone): "probe \(subject) \(zone)"
        case .decided(let observation):
            if case .unknown(let cause) = observation.verdict {
                "decided \(observation.subject) \(observation.zoneID) \(cause.token)"
            } else {
                "decided \(observation.subject) \(observation.zoneID) \(observation.verdict.label)"
            }
        case .wait: "wait"
        case .finished: "finished"
        }
    }

    @Test func zonesTakeTurns() throws {
        let plan = try Self.plan(subjects: ["192.0.2.1", "192.0.2.2"], zones: ["a", "b"])
        let now = ContinuousClock.now
        let scheduler = PairScheduler(plan: plan, limits: Self.limits(2), now: now)
        let steps = (0..<5).map { _ in Self.describe(scheduler.next(now: now)) }
        #expect(
            steps == ["probe 192.0.2.1 0", "probe 192.0.2.1 1", "probe 192.0.2.2 0", "probe 192.0.2.2 1", "finished"]
        )
    }

    @Test func aFullZoneLetsTheOthersGoOn() throws {
        let plan = try Self.plan(subjects: ["192.0.2.1", "192.0.2.2", "192.0.2.3"], zones: ["slow", "fast"])
        let now = ContinuousClock.now
        let scheduler = PairScheduler(
            plan: plan,
            limits: [.init(maxInFlight: 1), .init(maxInFlight: 100)],
            now: now
        )
        let steps = (0..<5).map { _ in Self.describe(scheduler.next(now: now)) }
        #expect(steps == ["probe 192.0.2.1 0", "probe 192.0.2.1 1", "probe 192.0.2.2 1", "probe 192.0.2.3 1", "wait"])
        #expect(scheduler.finished(zoneIndex: 0) == 1)
        #expect(Self.describe(scheduler.next(now: now)) == "probe 192.0.2.2 0")
    }

    @Test func rateLimitSpacesQueries() throws {
        // 10 queries a second: a burst of one second's worth, then one every 100 ms.
        let plan = try Self.plan(subjects: ["192.0.2.0/28"], zones: ["a"])
        let start = ContinuousClock.now
        let scheduler = PairScheduler(plan: plan, limits: [.init(maxInFlight: 20, queriesPerSecond: 10)], now: start)
        for host in 0..<10 { #expect(Self.describe(scheduler.next(now: start)) == "probe 192.0.2.\(host) 0") }
        guard case .wait(let wait) = scheduler.next(now: start) else {
            Issue.record("expected a wait")
            return
        }
        #expect(wait > .milliseconds(90) && wait <= .milliseconds(100))
        #expect(Self.describe(scheduler.next(now: start + .milliseconds(100))) == "probe 192.0.2.10 0")
    }

    @Test func pairsBeyondTheBudgetAreUnknown() throws {
        let plan = try Self.plan(subjects: ["192.0.2.0/30"], zones: ["a"])
        let now = ContinuousClock.now
        let scheduler = PairScheduler(plan: plan, limits: [.init(maxInFlight: 10, budget: 2)], now: now)
        let steps = (0..<5).map { _ in Self.describe(scheduler.next(now: now)) }
        #expect(
            steps == [
                "probe 192.0.2.0 0", "probe 192.0.2.1 0", "decided 192.0.2.2 a budgetExhausted",
                "decided 192.0.2.3 a budgetExhausted", "finished",
            ]
        )
        #expect(scheduler.sentByZone == ["a": 2])
    }

    @Test func onlyTheUnhealthyKindIsUnknown() throws {
        let plan = try Self.plan(subjects: ["192.0.2.1", "2001:db8::1"], zones: ["a"])
        let now = ContinuousClock.now
        let scheduler = PairScheduler(
            plan: plan,
            limits: [.init(maxInFlight: 10, problems: [.ipv6: .testEntryMissing])],
            now: now
        )
        #expect(Self.describe(scheduler.next(now: now)) == "probe 192.0.2.1 0")
        guard case .decided(let observation) = scheduler.next(now: now) else {
            Issue.record("expected a decided pair")
            return
        }
        #expect(observation.verdict == .unknown(.zoneUnhealthy(.testEntryMissing)))
        #expect(Self.describe(scheduler.next(now: now)) == "finished")
    }
}
