import DNSWire

/// Audits the DNS of sending addresses: PTR, forward-confirmed reverse DNS, and the HELO name
/// (DOMAIN.md §4).
///
/// Per address it looks up the PTR (in-addr.arpa or ip6.arpa), the A and AAAA records of every PTR
/// name and of the HELO name, and hands the answers to the rules. A DNS failure is reported as a
/// failed lookup, never as a missing record: only NXDOMAIN and NODATA mean "missing".
public struct DNSAudit: Sendable {
    /// The most addresses audited per CIDR range; the rest are skipped with a note.
    public static let maxAddressesPerRange = 256
    /// How many addresses are audited at once.
    public static let concurrency = 16
    /// The most PTR names whose forward records are looked up.
    static let maxPTRNames = 8

    private let resolver: any Resolver

    /// Creates an audit that asks `resolver`.
    public init(resolver: any Resolver) {
        self.resolver = resolver
    }

    /// Audits one address and the HELO name its mail goes out with.
    /// - Parameters:
    ///   - target: an IPv4 or IPv6 address; a domain gets an empty result with a note.
    ///   - expectedHELO: the configured HELO name; `nil` or blank to check the PTR name instead.
    /// - Returns: the facts and the findings.
    public func audit(_ target: Subject, expectedHELO: String?) async -> DNSAuditResult {
        let zone: String
        switch target {
        case .ipv4: zone = "in-addr.arpa"
        case .ipv6: zone = "ip6.arpa"
        case .domain:
            var result = DNSAuditResult(address: target, reverseName: "", ptrStatus: .missing)
            result.notes.append("\(target) is a domain, not an address: no DNS audit")
            return result
        }
        // Both zones are valid names and reverse names are at most 74 bytes: neither can throw.
        let reverse = try! target.queryName(in: DomainName(zone))
        let ptr = await answer(reverse, .ptr)
        let configured = expectedHELO.map(HELONameRules.normalized).flatMap { $0.isEmpty ? nil : $0 }
        let helo = configured ?? ptr.names.first
        var names = Array(ptr.names.prefix(Self.maxPTRNames))
        if let helo, case .hostName(let name) = HELONameRules.classify(helo), !names.contains(name) {
            names.append(name)
        }
        let forward = await forwardAnswers(names)
        let assessor = DNSAuditAssessor(
            address: target,
            reverseName: DNSAnswer.text(reverse),
            ptr: ptr,
            forward: forward,
            heloName: helo,
            heloSource: configured != nil ? .config : helo != nil ? .ptr : .none
        )
        return assessor.result()
    }

    /// Audits every address of `targets`, a bounded number at a time, in target order.
    ///
    /// Domain targets are skipped; a range is audited up to ``maxAddressesPerRange`` addresses, and
    /// the first result of a cut range says so in its notes.
    /// - Parameter targets: the monitored targets, with their expected HELO names.
    /// - Returns: one result per audited address.
    public func audit(_ targets: [Target]) async -> [DNSAuditResult] {
        var jobs: [(subject: Subject, helo: String?, note: String?)] = []
        for target in targets {
            switch target.scope {
            case .single(.domain): continue
            case .single(let subject): jobs.append((subject, target.expectedHELO, nil))
            case .network(let network):
                let count = min(network.count, Self.maxAddressesPerRange)
                let note =
                    network.count > count
                    ? "audited the first \(count) of \(network.count) addresses of \(network)" : nil
                for offset in 0..<count {
                    jobs.append((network.address(at: offset), target.expectedHELO, offset == 0 ? note : nil))
                }
            }
        }
        return await withTaskGroup(of: (Int, DNSAuditResult).self) { group in
            var results: [(Int, DNSAuditResult)] = []
            var next = 0
            while next < jobs.count || !group.isEmpty {
                while next < jobs.count, next < results.count + Self.concurrency {
                    let index = next
                    let job = jobs[index]
                    group.addTask {
                        var result = await self.audit(job.subject, expectedHELO: job.helo)
                        if let note = job.note { result.notes.append(note) }
                        return (index, result)
                    }
                    next += 1
                }
                if let done = await group.next() { results.append(done) }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// Looks up A and AAAA for every name, all at once.
    private func forwardAnswers(_ names: [String]) async -> [String: ForwardAnswers] {
        await withTaskGroup(of: (String, RecordType, DNSAnswer).self) { group in
            for name in names {
                guard let domain = try? DomainName(name) else { continue }
                for type in [RecordType.a, .aaaa] {
                    group.addTask { (name, type, await self.answer(domain, type)) }
                }
            }
            var a: [String: DNSAnswer] = [:]
            var aaaa: [String: DNSAnswer] = [:]
            for await (name, type, answer) in group {
                if type == .a { a[name] = answer } else { aaaa[name] = answer }
            }
            var forward: [String: ForwardAnswers] = [:]
            for (name, answerA) in a {
                if let answerAAAA = aaaa[name] { forward[name] = ForwardAnswers(a: answerA, aaaa: answerAAAA) }
            }
            return forward
        }
    }

    private func answer(_ name: DomainName, _ type: RecordType) async -> DNSAnswer {
        DNSAnswer(await resolver.lookup(name, type), name: name, type: type)
    }
}
