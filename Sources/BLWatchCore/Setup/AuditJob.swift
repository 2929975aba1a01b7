import Foundation

/// The HELO audit against the history: the DNS audit a scan runs, and the diagnosis that joins
/// listings, findings, captured HELOs and log evidence (`blwatch diagnose`).
public struct AuditJob: Sendable {
    private let settings: RunSettings
    private let store: HistoryStore

    /// Creates the job.
    public init(settings: RunSettings, store: HistoryStore) {
        self.settings = settings
        self.store = store
    }

    /// The kind of the info finding that records a forward-confirmed name, so a later diagnosis can
    /// name it in a fix without asking DNS again.
    static let confirmedNameKind = "heloNameConfirmed"

    /// The audits a scan runs with its resolver: the DNS of the scanned addresses and, when
    /// `audit.smtp` is configured, the MTA's greeting.
    static func scanAudits(_ settings: RunSettings, resolver: any Resolver) async -> [AuditBatch] {
        let (dns, results) = await dnsAudit(settings.targets, resolver: resolver)
        guard let endpoint = settings.config.smtpProbe else { return [dns] }
        let ours = results.compactMap(\.suggestedHELOName).first ?? SMTPBannerProbe.localHostName() ?? ""
        let probe = await SMTPBannerProbe(host: endpoint.host, port: endpoint.port, heloName: ours)
            .probe(expectedNames: Array(Set(results.flatMap(\.ptrNames))).sorted())
        let smtp = AuditBatch(findings: probe.findings, source: .smtp, subjects: ["\(endpoint.host):\(endpoint.port)"])
        return [dns, smtp]
    }

    /// Audits the DNS of the scanned addresses (ranges: their first addresses only) and returns the
    /// findings to store with the scan, including an info finding per forward-confirmed name.
    static func dnsAudit(_ targets: [Target], resolver: any Resolver) async -> (AuditBatch, [DNSAuditResult]) {
        let results = await DNSAudit(resolver: resolver).audit(auditedTargets(targets))
        var findings = results.flatMap(\.findings)
        for result in results {
            guard let name = result.suggestedHELOName else { continue }
            findings.append(
                AuditFinding(
                    kind: confirmedNameKind,
                    severity: .info,
                    source: .dns,
                    subject: result.ip,
                    title: "\(result.ip) has forward-confirmed reverse DNS: \(name)",
                    evidence: [name],
                    fix: "greet with \(name)"
                )
            )
        }
        // HELO findings are about the name, the others about the address: both were audited.
        let subjects = Set(results.map(\.ip) + results.compactMap(\.heloName) + findings.map(\.subject))
        return (AuditBatch(findings: findings, source: .dns, subjects: subjects), results)
    }

    /// The diagnosis from what the history holds.
    /// - Parameter target: only this address's listings and DNS findings (other sources are kept:
    ///   logs, config and captured HELOs are about the MTA, not one address).
    /// - Throws: ``StoreError``, ``ConfigError`` for a target that is not an address or domain.
    public func diagnosis(target: String? = nil) throws -> Diagnosis {
        let subject = try target.map { text -> String in
            guard let subject = Subject(text) else {
                throw ConfigError("\"\(text)\" is neither an IP address nor a domain name")
            }
            return subject.description
        }
        var findings = try store.openFindings()
        let captures = Self.latest(try store.heloCaptures(limit: 200))
        // Info findings (a PTR lookup that failed, a forward-confirmed name) are no rule's evidence.
        let evidence = findings.contains { $0.severity >= .warning } || !captures.isEmpty
        // Without a finding or a capture no rule has evidence: do not read every open listing
        // (a /16 can have thousands) for nothing. Listing pages alone are evidence too, so look
        // at the listings when any reason is stored.
        let reasons = try store.reasonsOfOpenListings()
        guard evidence || !reasons.isEmpty else {
            return Diagnosis(target: subject, causes: [])
        }
        var open = try store.openListings()
        if let subject { open = open.filter { $0.subject == subject } }
        if let subject {
            // DNS findings about other addresses go; those about names (the HELO name) stay.
            findings = findings.filter {
                $0.source != .dns || $0.subject == subject || Subject($0.subject)?.isAddress != true
            }
        }
        let confirmed = findings.filter { $0.kind == Self.confirmedNameKind }
        let input = DiagnosisInput(
            listings: open.map { episode in
                DiagnosisInput.Listing(
                    episode: episode,
                    reasons: reasons[ListingReasonRecord.key(subject: episode.subject, zoneID: episode.zoneId)] ?? [],
                    zone: settings.catalog.zone(id: episode.zoneId)
                )
            },
            findings: findings.filter { $0.kind != Self.confirmedNameKind },
            captures: captures,
            confirmedNames: Dictionary(
                confirmed.compactMap { row in row.evidence.first.map { (row.subject, $0) } },
                uniquingKeysWith: { first, _ in first }
            )
        )
        return DiagnosisEngine.diagnose(input, target: subject)
    }
}

extension AuditJob {
    /// Addresses the DNS audit of one scan looks at, at most: a mail server sends from a few, and a
    /// scan of a /16 must not spend its time on 65,536 PTR lookups.
    static let auditedAddressesPerScan = 256

    /// The targets to audit: addresses and ranges, each once, up to ``auditedAddressesPerScan``
    /// addresses (targets with an expected HELO name first: the operator named those).
    static func auditedTargets(_ targets: [Target]) -> [Target] {
        var unique: Set<Target> = []
        let candidates = targets.filter { $0.isAddress && unique.insert($0).inserted }
        let ordered = candidates.filter { $0.expectedHELO != nil } + candidates.filter { $0.expectedHELO == nil }
        var chosen: [Target] = []
        var budget = auditedAddressesPerScan
        for target in ordered where budget > 0 {
            chosen.append(target)
            if case .network(let network) = target.scope {
                budget -= min(network.count, DNSAudit.maxAddressesPerRange)
            } else {
                budget -= 1
            }
        }
        return chosen
    }

    /// The newest capture of a bounce and of normal mail: a greeting captured after a fix replaces
    /// what was captured before it.
    static func latest(_ captures: [HELOCapture]) -> [HELOCapture] {
        let newest = captures.sorted { $0.capturedAt > $1.capturedAt }
        return [newest.first(where: \.isBounce), newest.first { !$0.isBounce && $0.mailFrom != nil }].compactMap { $0 }
    }
}

extension Target {
    /// Whether the target is an address or a range (not a domain).
    var isAddress: Bool {
        if case .single(.domain) = scope { return false }
        return true
    }
}

extension Subject {
    /// Whether it is an IPv4 or IPv6 address.
    var isAddress: Bool {
        if case .domain = self { return false }
        return true
    }
}
