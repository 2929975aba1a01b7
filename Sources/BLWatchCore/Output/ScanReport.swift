import DNSWire
import Foundation

/// What a scan or check reports: the result, the warnings, and the changes against the history.
public struct ScanReport: Sendable {
    /// The run's result.
    public var result: ScanResult
    /// The plan that was run.
    public var plan: ScanPlan
    /// The catalog, to look up zone names and URLs.
    public var catalog: Catalog
    /// Selection and resolver warnings.
    public var warnings: [String]
    /// Listing changes (scan only).
    public var changes: [ListingChange]
    /// The stored run (scan only).
    public var run: ScanRunRecord?
    /// The reasons of open listings, by ``ListingReasonRecord/key(subject:zoneID:)`` (scan only).
    public var reasons: [String: [ListingReasonRecord]] = [:]
    /// Why the listings are there, as far as the audit's evidence goes (scan only).
    public var diagnosis: Diagnosis?
    /// The alert events the run raised (scan only).
    public var events: [AlertEvent] = []
    /// Alerts delivered after the run (scan only), one line each.
    public var alertsDelivered: [String] = []

    /// Assembles a report, adding the resolver warnings the zone health implies.
    public init(
        result: ScanResult,
        plan: ScanPlan,
        catalog: Catalog,
        selectionWarnings: [String],
        changes: [ListingChange] = [],
        run: ScanRunRecord? = nil
    ) {
        self.result = result
        self.plan = plan
        self.catalog = catalog
        self.changes = changes
        self.run = run
        warnings = selectionWarnings + Self.resolverWarnings(health: result.health, servers: result.servers)
    }

    /// Whether the run is worth a mail: a listing appeared or cleared, a zone failed its probes, or a
    /// warning was raised. A run that only confirms known listings and clean verdicts is not.
    public var isNoteworthy: Bool {
        !changes.isEmpty || !result.unhealthy.isEmpty || !warnings.isEmpty
    }

    /// The zone for an id (catalog zones and ad hoc `--zone` zones alike).
    func zone(_ id: String) -> Zone? {
        plan.zones.first { $0.zone.id == id }?.zone ?? catalog.zone(id: id)
    }

    /// Unknown verdicts grouped by zone and cause, with a count and up to three examples each.
    var unknownGroups: [(zoneID: String, cause: UnknownCause, count: Int, examples: [Subject])] {
        var groups: [String: (zoneID: String, cause: UnknownCause, count: Int, examples: [Subject])] = [:]
        var order: [String] = []
        for observation in result.observations {
            guard case .unknown(let cause) = observation.verdict else { continue }
            let key = observation.zoneID + "|" + cause.description
            if groups[key] == nil {
                groups[key] = (observation.zoneID, cause, 0, [])
                order.append(key)
            }
            groups[key]!.count += 1
            if groups[key]!.examples.count < 3 { groups[key]!.examples.append(observation.subject) }
        }
        return order.map { groups[$0]! }
    }

    /// One warning per resolver problem the health probes exposed, with the fix.
    static func resolverWarnings(health: [ZoneHealth], servers: [String]) -> [String] {
        let refusing = health.filter { $0.problem?.isResolverProblem == true }
        guard let first = refusing.first?.problem else { return [] }
        let resolver = "resolver \(servers.joined(separator: ", "))"
        if case .rewritten = first {
            return [
                "\(resolver) rewrites answers (NXDOMAIN replaced by an address outside 127/8): its DNSBL verdicts are "
                    + "unknown. Fix: query your own recursive resolver (unbound or BIND, no forwarders) with --server"
            ]
        }
        let zones = Set(refusing.map(\.zoneID)).sorted().joined(separator: ", ")
        return [
            "\(resolver) is refused by \(zones) (public or open resolvers get 127.255.255.254): those verdicts are "
                + "unknown. Fix: run your own recursive resolver (unbound or BIND, no forwarders to public resolvers) "
                + "and pass --server 127.0.0.1, or configure a Spamhaus DQS key"
        ]
    }

    /// The lookup URL of a listing, with the subject filled in.
    func lookupURL(zone: Zone?, subject: Subject) -> String? {
        zone?.lookupURL?.replacing("{target}", with: subject.description)
    }
}
