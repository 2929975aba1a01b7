import BLWatchTestSupport
import DNSWire

@testable import BLWatchCore

/// Every verdict of a scan through a ``HostileDNSServer``, checked against the generator's truth and
/// against what the proxy did to the queries behind it.
struct FaultScanAudit {
    /// Listed with exactly the true codes, or clean where the truth is clean.
    var right = 0
    /// Unknown verdicts.
    var unknown = 0
    /// Listed or clean against the truth (must stay empty), and TXT reasons that are not the zone's.
    var wrong: [String] = []
    /// Unknown verdicts whose cause no fault explains (must stay empty).
    var unexplained: [String] = []
    /// Timeouts of pairs whose every query was answered truly at once: only a machine too loaded to
    /// read an answer within the timeout explains them. Reported, not failed: they are unknown, never
    /// wrong, and the share of real verdicts bounds them.
    var slow: [String] = []
    /// Pairs whose last A query met a final fault but did not end unknown with its cause (must stay empty).
    var unrecovered: [String] = []
    /// Unknown causes by token.
    var causes: [String: Int] = [:]
    /// Pairs in the plan, and observations the scan returned.
    var pairs = 0
    var observed = 0
    /// Zones and kinds that failed their health probes.
    var unhealthy: [String] = []
    /// The proxy's counts.
    var faults: [DNSFault: Int] = [:]
    var tcpFaults: [TCPFault: Int] = [:]
    var summary = ""
    /// Wall time of the scan, and the longest A lookup.
    var wall: Duration = .zero
    var longestLookup: Duration = .zero

    /// Share of pairs with a real verdict, counting as recovered those lost only to the machine's own
    /// stalls (``slow``: every answer true, yet the client timed out, as on two cores shared with
    /// other suites). Those are unknown, never wrong; what this share measures is the retries.
    var recoveredShare: Double { pairs == 0 ? 0 : Double(right + slow.count) / Double(pairs) }

    /// One line for the test log.
    var report: String {
        "right \(right)/\(pairs), unknown \(unknown), wrong \(wrong.count), slow \(slow.count); causes \(causes.sorted { $0.key < $1.key }); "
            + "unhealthy \(unhealthy); wall \(Self.seconds(wall)) s, longest lookup \(Self.seconds(longestLookup)) s; "
            + summary
    }

    /// A duration in seconds, to two decimals.
    static func seconds(_ duration: Duration) -> Double {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return (value * 100).rounded() / 100
    }

    init(result: ScanResult, plan: ScanPlan, truth: [String: Set<String>], proxy: HostileDNSServer, wall: Duration) {
        self.wall = wall
        pairs = plan.pairCount
        observed = result.observations.count
        faults = proxy.faultCounts
        tcpFaults = proxy.tcpFaultCounts
        summary = proxy.summary
        unhealthy = result.unhealthy.map { "\($0.zoneID)/\($0.kind)" }
        let zoneNames = Dictionary(uniqueKeysWithValues: plan.zones.map { ($0.zone.id, $0.name) })
        for observation in result.observations {
            let key = "\(observation.subject) \(observation.zoneID)"
            guard let zoneName = zoneNames[observation.zoneID],
                let name = try? observation.subject.queryName(in: zoneName)
            else { continue }
            let events = proxy.events(for: Question(name: name, type: .a))
            longestLookup = max(longestLookup, observation.duration)
            let healthy = !result.health.contains { health in
                health.zoneID == observation.zoneID && health.kind == observation.subject.kind && !health.isHealthy
            }
            audit(observation, key: key, truth: truth[key] ?? [], events: events, healthy: healthy)
            if case .unknown(.zoneUnhealthy) = observation.verdict,
                !Self.healthProbesMetFaults(observation, zoneName: zoneName, proxy: proxy)
            {
                unexplained.append("\(key): zone unhealthy, but its health probes met no fault")
            }
        }
    }

    private mutating func audit(
        _ observation: Observation,
        key: String,
        truth: Set<String>,
        events: [FaultEvent],
        healthy: Bool
    ) {
        switch observation.verdict {
        case .listed(let codes):
            let got = Set(codes.map(\.code.description))
            if got == truth { right += 1 } else { wrong.append("\(key): listed \(got), truth \(truth) \(events)") }
            let expected = "\(observation.zoneID) \(observation.subject)"
            if let txt = observation.txt, txt.split(separator: "; ").contains(where: { $0 != expected }) {
                wrong.append("\(key): TXT \"\(txt)\", expected \"\(expected)\" \(events)")
            }
        case .clean:
            if truth.isEmpty { right += 1 } else { wrong.append("\(key): clean, truth \(truth) \(events)") }
        case .unknown(let cause):
            unknown += 1
            causes[cause.token, default: 0] += 1
            if case .zoneUnhealthy = cause { break }
            if case .lookupFailed(.timeout) = cause, events.allSatisfy(\.isTruthful) {
                slow.append("\(key): \(cause) after \(events)")
            } else if !Self.explains(events, cause) {
                unexplained.append("\(key): \(cause) after \(events)")
            }
        }
        // A final fault ends the lookup if its answer came in time (else the client asked again, or,
        // on its last pass, timed out): the last query of a pair must decide it when it met one.
        guard healthy, case .udp(let final, _)? = events.last, final.isFinal else { return }
        if case .unknown(let cause) = observation.verdict, [Self.causeOf(final), "timeout"].contains(cause.token) {
            return
        }
        unrecovered.append("\(key): \(final) ended \(observation.verdict) after \(events)")
    }

    /// The unknown cause a final fault must end in.
    private static func causeOf(_ fault: DNSFault) -> String {
        fault == .outsideLoopback ? "answerOutsideLoopback" : "malformed"
    }

    /// Whether the faults a question met can explain an unknown verdict with `cause`.
    private static func explains(_ events: [FaultEvent], _ cause: UnknownCause) -> Bool {
        let udp = Set(events.compactMap { if case .udp(let fault, _) = $0 { fault } else { nil } })
        let tcp = Set(events.compactMap { if case .tcp(let fault) = $0 { fault } else { nil } })
        switch cause {
        case .lookupFailed(.timeout), .lookupFailed(.network):
            return events.contains { !$0.isTruthful }
        case .lookupFailed(.malformed):
            return !udp.isDisjoint(with: [.pointerLoop, .garbage, .wrongType])
                || !tcp.isDisjoint(with: [.garbage, .wrongID])
        case .responseCode(let code):
            return udp.contains(code == .refused ? .refused : .serverFailure)
        case .answerOutsideLoopback:
            return udp.contains(.outsideLoopback)
        default:
            return false
        }
    }

    /// Whether the zone's RFC 5782 probes for the subject's kind met any fault.
    private static func healthProbesMetFaults(_ observation: Observation, zoneName: DomainName, proxy: HostileDNSServer)
        -> Bool
    {
        let entries = Subject.testEntries(for: observation.subject.kind)
        return [entries.listed, entries.notListed].contains { entry in
            guard let name = try? entry.queryName(in: zoneName) else { return false }
            return proxy.events(for: Question(name: name, type: .a)).contains { !$0.isTruthful }
        }
    }
}
