public import DNSWire

/// What a run will query: the subjects of every target, and the zones with their DNS names.
///
/// Pairs are not materialised: a /16 against ten zones is 655,360 queries, and the runner walks
/// subjects × zones lazily.
public struct ScanPlan: Sendable {
    /// A zone ready to query.
    public struct PlannedZone: Sendable {
        /// The catalog entry.
        public var zone: Zone
        /// The DNS name, with the key filled in.
        public var name: DomainName
    }

    /// Every subject, deduplicated, in order.
    public private(set) var subjects: [Subject]
    /// The zones, in selection order.
    public private(set) var zones: [PlannedZone]
    /// The same subjects as a set, for membership tests.
    private let subjectSet: Set<Subject>
    /// The HELO name expected for a subject, where the operator gave one.
    public private(set) var expectedHELO: [Subject: String]

    /// Builds a plan.
    /// - Parameters:
    ///   - targets: the configured targets (ranges are expanded).
    ///   - zones: the selected zones.
    ///   - key: the DQS key for keyed zones.
    public init(targets: [Target], zones: [Zone], key: String?) {
        var seen: Set<Subject> = []
        var subjects: [Subject] = []
        var helo: [Subject: String] = [:]
        for target in targets {
            for subject in target.subjects where seen.insert(subject).inserted {
                subjects.append(subject)
                if let name = target.expectedHELO { helo[subject] = name }
            }
        }
        self.subjects = subjects
        self.subjectSet = seen
        self.expectedHELO = helo
        self.zones = zones.compactMap { zone in zone.dnsName(key: key).map { PlannedZone(zone: zone, name: $0) } }
    }

    /// The (zone, kind) pairs the health probes must cover: only kinds some subject needs.
    public var healthChecks: [(zone: PlannedZone, kind: ZoneKind)] {
        let kinds = Set(subjects.map(\.kind))
        return zones.flatMap { planned in
            ZoneKind.allCases.filter { planned.zone.kinds.contains($0) && kinds.contains($0) }.map { (planned, $0) }
        }
    }

    /// How many health-probe queries each zone id gets: the RFC 5782 entries it serves, per probed kind.
    public var healthProbesByZone: [String: Int] {
        Dictionary(
            healthChecks.map { check in
                let test = check.zone.zone.selfTest
                return (check.zone.zone.id, (test.listed ? 1 : 0) + (test.notListed ? 1 : 0))
            },
            uniquingKeysWith: +
        )
    }

    /// How many (subject, zone) queries the plan holds.
    public var pairCount: Int {
        var perKind: [ZoneKind: Int] = [:]
        for subject in subjects { perKind[subject.kind, default: 0] += 1 }
        return zones.reduce(0) { sum, planned in
            sum + planned.zone.kinds.reduce(0) { $0 + (perKind[$1] ?? 0) }
        }
    }

    /// How many (subject, zone) queries the plan holds for each zone id.
    public var pairCountByZone: [String: Int] {
        var perKind: [ZoneKind: Int] = [:]
        for subject in subjects { perKind[subject.kind, default: 0] += 1 }
        return Dictionary(
            zones.map { planned in (planned.zone.id, planned.zone.kinds.reduce(0) { $0 + (perKind[$1] ?? 0) }) },
            uniquingKeysWith: +
        )
    }

    /// Whether the plan asks `zoneID` about `subject`.
    public func covers(_ subject: Subject, zoneID: String) -> Bool {
        guard subjectSet.contains(subject), let planned = zones.first(where: { $0.zone.id == zoneID }) else {
            return false
        }
        return planned.zone.kinds.contains(subject.kind)
    }

    /// Every (subject, zone index) pair, subject by subject so that load spreads over the zones.
    func pairs() -> PairIterator { PairIterator(plan: self) }

    /// Walks subjects × zones by index, skipping zones that do not serve the subject's kind.
    struct PairIterator: IteratorProtocol {
        private let plan: ScanPlan
        private var subjectIndex = 0
        private var zoneIndex = 0

        init(plan: ScanPlan) {
            self.plan = plan
        }

        mutating func next() -> (subject: Subject, zoneIndex: Int)? {
            while subjectIndex < plan.subjects.count {
                let subject = plan.subjects[subjectIndex]
                while zoneIndex < plan.zones.count {
                    let index = zoneIndex
                    zoneIndex += 1
                    if plan.zones[index].zone.kinds.contains(subject.kind) { return (subject, index) }
                }
                subjectIndex += 1
                zoneIndex = 0
            }
            return nil
        }
    }
}
