import DNSWire

/// The A and AAAA answers for one name.
struct ForwardAnswers: Sendable, Hashable {
    var a: DNSAnswer
    var aaaa: DNSAnswer
}

/// Turns the DNS answers about one address into findings. Pure: the lookups happen in ``DNSAudit``.
struct DNSAuditAssessor {
    var address: Subject
    var reverseName: String
    var ptr: DNSAnswer
    var forward: [String: ForwardAnswers]
    var heloName: String?
    var heloSource: DNSAuditResult.HELOSource

    /// The result: the facts and the findings, worst first.
    func result() -> DNSAuditResult {
        var result = DNSAuditResult(
            address: address,
            reverseName: reverseName,
            ptrStatus: ptr.isFailure ? .failed(failureText) : ptr.isAbsent ? .missing : .found,
            ptrNames: ptr.names,
            forwardAddresses: forward.filter { !$0.value.a.isFailure || !$0.value.aaaa.isFailure }
                .mapValues { $0.a.addresses + $0.aaaa.addresses },
            heloName: heloName,
            heloSource: heloSource
        )
        result.fcrdnsConfirmed = result.suggestedHELOName != nil
        let findings = ptrFindings(result) + forwardFindings(result) + heloFindings(result)
        result.findings = findings.enumerated().sorted { lhs, rhs in
            lhs.element.severity != rhs.element.severity
                ? lhs.element.severity > rhs.element.severity : lhs.offset < rhs.offset
        }.map(\.element)
        return result
    }

    // MARK: - Values the sentences name

    var ip: String { address.description }
    var family: String { if case .ipv6 = address { "AAAA" } else { "A" } }
    private var failureText: String { if case .failed(let text) = ptr.state { text } else { "" } }

    /// The range whose owner sets the PTR: the /24 (IPv4) or /64 (IPv6) around the address.
    private var network: String {
        switch address {
        case .ipv4(let v4): "\(IPv4Address(v4.value & 0xFFFF_FF00))/24"
        case .ipv6(let v6): "\(IPv6Address(high: v6.high, low: 0))/64"
        case .domain(let name): DNSAnswer.text(name)
        }
    }

    var owner: String { "the owner of \(network) (your provider)" }

    /// The configured HELO name when it is a proper host name.
    var configuredHostName: String? {
        guard heloSource == .config, let heloName, case .hostName = HELONameRules.classify(heloName) else { return nil }
        return heloName
    }

    func sameFamily(_ name: String) -> DNSAnswer? {
        guard let answers = forward[name] else { return nil }
        return family == "A" ? answers.a : answers.aaaa
    }

    func heloEvidence(_ name: String) -> String {
        "HELO \(name) (\(heloSource == .config ? "from the configuration" : "taken from the PTR"))"
    }

    func finding(
        _ kind: String,
        _ severity: AuditFinding.Severity,
        about subject: String? = nil,
        _ title: String,
        _ evidence: [String],
        fix: String
    ) -> AuditFinding {
        AuditFinding(
            kind: kind,
            severity: severity,
            source: .dns,
            subject: subject ?? ip,
            title: title,
            evidence: evidence,
            fix: fix
        )
    }

    // MARK: - PTR

    func ptrFindings(_ facts: DNSAuditResult) -> [AuditFinding] {
        if ptr.isFailure {
            let fix =
                "run the audit again later; if it keeps failing, ask \(owner) why the reverse zone does not answer"
            return [
                finding("ptrLookupFailed", .info, "the PTR of \(ip) could not be looked up", ptr.evidence, fix: fix)
            ]
        }
        if ptr.isAbsent {
            let fix = "ask \(owner) to set the PTR of \(ip) to \(configuredHostName ?? "your mail server's host name")"
            return [finding("ptrMissing", .critical, "\(ip) has no PTR record", ptr.evidence, fix: fix)]
        }
        var findings: [AuditFinding] = []
        if facts.ptrNames.count > 1 {
            let plain = facts.ptrNames.first { HELONameRules.genericSignals(in: $0, address: address).isEmpty }
            let keep = facts.suggestedHELOName ?? configuredHostName ?? plain ?? facts.ptrNames[0]
            let title = "\(ip) has \(facts.ptrNames.count) PTR records"
            findings.append(
                finding(
                    "ptrMultiple",
                    .warning,
                    title,
                    ptr.evidence,
                    fix: "ask \(owner) to keep one PTR for \(ip): \(keep)"
                )
            )
        }
        for name in facts.ptrNames {
            let signals = HELONameRules.genericSignals(in: name, address: address)
            guard !signals.isEmpty else { continue }
            let wanted = configuredHostName.flatMap { name in
                HELONameRules.genericSignals(in: name, address: address).isEmpty ? name : nil
            }
            let fix =
                "ask \(owner) to set the PTR of \(ip) to a mail host name such as \(wanted ?? "mail.<your domain>")"
                + ", with an \(family) record pointing back to \(ip)"
            let evidence = ptr.evidence + ["looks generic: " + signals.joined(separator: ", ")]
            findings.append(finding("ptrGeneric", .warning, "the PTR name \(name) looks generic", evidence, fix: fix))
        }
        return findings
    }

    // MARK: - Forward-confirmed reverse DNS

    func forwardFindings(_ facts: DNSAuditResult) -> [AuditFinding] {
        guard !facts.fcrdnsConfirmed else { return [] }
        return facts.ptrNames.compactMap { name in
            guard let answer = sameFamily(name) else { return nil }
            let evidence = ptr.evidence + answer.evidence
            switch answer.state {
            case .failed:
                let fix = "run the audit again later; if it keeps failing, check the name servers of \(name)"
                return finding(
                    "forwardLookupFailed",
                    .info,
                    "the \(family) record of \(name) could not be looked up",
                    evidence,
                    fix: fix
                )
            case .nxdomain, .nodata:
                return finding(
                    "forwardMissing",
                    .critical,
                    "\(name), the PTR name of \(ip), has no \(family) record",
                    evidence,
                    fix: "add an \(family) record \(name) → \(ip)"
                )
            case .records:
                let now = answer.addresses.map(\.description).joined(separator: ", ")
                let fix =
                    "add \(ip) to the \(family) records of \(name) (now \(now)), or have the PTR of \(ip) set to a name "
                    + "whose \(family) record holds it"
                return finding(
                    "fcrdnsMismatch",
                    .critical,
                    "\(name), the PTR name of \(ip), does not resolve back to it",
                    evidence,
                    fix: fix
                )
            }
        }
    }
}
