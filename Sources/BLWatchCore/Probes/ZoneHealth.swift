/// The result of a zone's health probes for one key kind in one run.
public struct ZoneHealth: Sendable, Hashable {
    /// The catalog id of the zone.
    public var zoneID: String
    /// The key kind probed (a zone serving IPv4 and IPv6 is probed for each).
    public var kind: ZoneKind
    /// `nil` when the zone passed; otherwise why it failed.
    public var problem: HealthProblem?
    /// Whether the zone serves no test entry at all, so its answers could not be checked.
    public var untested: Bool

    /// Creates a health result.
    public init(zoneID: String, kind: ZoneKind, problem: HealthProblem?, untested: Bool = false) {
        self.zoneID = zoneID
        self.kind = kind
        self.problem = problem
        self.untested = untested
    }

    /// Whether verdicts on the zone can be trusted this run.
    public var isHealthy: Bool { problem == nil }

    /// `healthy`, `untested` or `unhealthy`.
    public var label: String { problem != nil ? "unhealthy" : untested ? "untested" : "healthy" }
}
