public import Foundation

/// Everything one run found, before it is stored: zone health, the verdicts worth keeping, counts.
public struct ScanResult: Sendable {
    /// When the run started.
    public var startedAt: Date
    /// When the last answer came in.
    public var finishedAt: Date
    /// The resolvers used.
    public var servers: [String]
    /// Health of every probed (zone, kind).
    public var health: [ZoneHealth]
    /// Listed and unknown observations, and clean ones when the runner was asked to keep them.
    public var observations: [Observation]
    /// Verdict counts over every pair of the plan.
    public var listedCount = 0
    /// Clean verdicts.
    public var cleanCount = 0
    /// Unknown verdicts.
    public var unknownCount = 0
    /// DNS queries sent (health probes, A and TXT; retries not counted).
    public var queryCount = 0
    /// The same, by zone id (for daily budgets).
    public var queriesByZone: [String: Int] = [:]

    /// The exit status these verdicts call for: listed wins over unknown, unknown over clean.
    public var status: ExitStatus {
        listedCount > 0 ? .listed : unknownCount > 0 ? .unknown : .clean
    }

    /// Health results that failed.
    public var unhealthy: [ZoneHealth] { health.filter { !$0.isHealthy } }
}
