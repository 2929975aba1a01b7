public import DNSWire

/// Runs the RFC 5782 §5 test queries against a zone before any verdict from it is trusted.
///
/// The must-be-listed entry catches emptied zones (which would read "clean" forever); the
/// never-listed entry catches wildcards and expired domains (which would read "listed"); their
/// answers also expose resolvers that lists refuse or that rewrite NXDOMAIN (DOMAIN.md §1.2).
public struct ZoneHealthChecker: Sendable {
    private let resolver: any Resolver

    /// Creates a checker that queries through `resolver`.
    public init(resolver: any Resolver) {
        self.resolver = resolver
    }

    /// Probes `zone` for `kind`.
    /// - Parameters:
    ///   - zone: the zone.
    ///   - name: its DNS name (key filled in).
    ///   - kind: which test entries to use.
    /// - Returns: the zone's health for the run.
    public func check(_ zone: Zone, name: DomainName, kind: ZoneKind) async -> ZoneHealth {
        let entries = Subject.testEntries(for: kind)
        async let positive = zone.selfTest.listed ? probe(entries.listed, zone: zone, name: name) : nil
        async let negative = zone.selfTest.notListed ? probe(entries.notListed, zone: zone, name: name) : nil
        let (listed, notListed) = await (positive, negative)
        let problem = Self.problem(listedProbe: listed, notListedProbe: notListed)
        return ZoneHealth(zoneID: zone.id, kind: kind, problem: problem, untested: listed == nil && notListed == nil)
    }

    /// Probes many (zone, name, kind) triples at once.
    /// - Returns: the health results in the order of `checks`.
    public func checkAll(_ checks: [(zone: Zone, name: DomainName, kind: ZoneKind)]) async -> [ZoneHealth] {
        await withTaskGroup(of: (Int, ZoneHealth).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await self.check(check.zone, name: check.name, kind: check.kind)) }
            }
            var results: [(Int, ZoneHealth)] = []
            for await item in group { results.append(item) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func probe(_ subject: Subject, zone: Zone, name: DomainName) async -> Verdict {
        await DNSBLProber(resolver: resolver).probe(subject, zone: zone, name: name, fetchReason: false).verdict
    }

    /// Decides health from the two probe verdicts (`nil` = probe not run). Pure, for tests.
    static func problem(listedProbe: Verdict?, notListedProbe: Verdict?) -> HealthProblem? {
        // A refusal or a rewritten answer explains everything else, so it wins.
        for verdict in [listedProbe, notListedProbe] {
            if case .unknown(.listError(let code, let cause, let meaning)) = verdict {
                return .refused(code: code, cause: cause, meaning: meaning)
            }
            if case .unknown(.answerOutsideLoopback(let address)) = verdict { return .rewritten(address) }
        }
        switch notListedProbe {
        case .listed(let codes)?:
            return .listsEverything("answered \(codes.map { $0.code.description }.joined(separator: ", "))")
        case .unknown(.reservedTestAnswer)?: return .listsEverything("answered 127.0.0.1")
        case .unknown(let cause)?: return .unreachable(cause.description)
        case .clean?, nil: break
        }
        switch listedProbe {
        case .clean?: return .testEntryMissing
        case .unknown(.reservedTestAnswer)?: return .listsEverything("answered 127.0.0.1")
        case .unknown(let cause)?: return .unreachable(cause.description)
        case .listed?, nil: return nil
        }
    }
}
