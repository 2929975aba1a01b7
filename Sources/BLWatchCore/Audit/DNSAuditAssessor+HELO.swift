import DNSWire

/// The HELO-name findings: syntax, equality with the PTR name, and its forward records.
extension DNSAuditAssessor {
    func heloFindings(_ facts: DNSAuditResult) -> [AuditFinding] {
        guard let heloName else { return [] }
        let evidence = [heloEvidence(heloName)]
        switch HELONameRules.classify(heloName) {
        case .addressLiteral(let literal):
            return literalFindings(literal, facts: facts, evidence: evidence)
        case .hostName(let name):
            guard !facts.ptrNames.contains(name) else { return [] }
            return heloNotPTR(name, facts: facts, evidence: evidence) + heloForward(name, evidence: evidence)
        case let form:
            return [syntaxFinding(form, name: heloName, facts: facts, evidence: evidence)]
        }
    }

    /// A HELO name no receiver should accept: not a host name, a local name, or a bare address.
    private func syntaxFinding(
        _ form: HELONameRules.Form,
        name: String,
        facts: DNSAuditResult,
        evidence: [String]
    ) -> AuditFinding {
        let (kind, problem): (String, String) =
            switch form {
            case .localhost, .localName: ("heloLocal", "is a local name")
            case .bareAddress: ("heloIsAddress", "is a bare address")
            default: ("heloNotFQDN", "is not a fully qualified domain name")
            }
        let reason: [String] = if case .invalid(let reason) = form { ["invalid: \(reason)"] } else { [] }
        let target =
            facts.suggestedHELOName.map { "\($0), whose \(family) record holds \(ip) and whose PTR is \($0)" }
            ?? "a fully qualified name whose \(family) record holds \(ip), and have the PTR of \(ip) set to it"
        let literal = kind == "heloIsAddress" ? " (or at least the address literal [\(name)])" : ""
        let fix =
            "set the MTA's HELO name (Exim helo_data or Debian's REMOTE_SMTP_HELO_DATA, Postfix smtp_helo_name) to "
            + target + literal
        return finding(
            kind,
            .critical,
            about: name,
            "the HELO name \"\(name)\" \(problem)",
            evidence + reason,
            fix: fix
        )
    }

    private func literalFindings(_ literal: Subject, facts: DNSAuditResult, evidence: [String]) -> [AuditFinding] {
        let helo = heloName ?? ""
        guard literal == address else {
            return [
                finding(
                    "heloForwardMismatch",
                    .warning,
                    about: helo,
                    "the HELO literal \(helo) is not \(ip)",
                    evidence,
                    fix: "send [\(ip)] or a name whose \(family) record holds \(ip) instead of \(helo)"
                )
            ]
        }
        guard let suggested = facts.suggestedHELOName else { return [] }
        return [
            finding(
                "heloNotPTR",
                .info,
                about: helo,
                "the HELO name is the address literal \(helo), not the PTR name",
                evidence,
                fix: "set the MTA's HELO name to \(suggested), the PTR of \(ip), which resolves back to it"
            )
        ]
    }

    private func heloNotPTR(_ name: String, facts: DNSAuditResult, evidence: [String]) -> [AuditFinding] {
        guard ptr.state == .records else { return [] }
        let fix =
            facts.suggestedHELOName.map {
                "set the MTA's HELO name to \($0) (the PTR of \(ip), which resolves back to it), or have the PTR of "
                    + "\(ip) set to \(name)"
            } ?? "ask \(owner) to set the PTR of \(ip) to \(name)"
        let title = "the HELO name \(name) is not the PTR name of \(ip) (\(facts.ptrNames.joined(separator: ", ")))"
        return [finding("heloNotPTR", .warning, about: name, title, evidence + ptr.evidence, fix: fix)]
    }

    private func heloForward(_ name: String, evidence: [String]) -> [AuditFinding] {
        guard let answer = sameFamily(name) else { return [] }
        let kind: String
        let severity: AuditFinding.Severity
        let title: String
        let fix: String
        switch answer.state {
        case .failed:
            (kind, severity) = ("forwardLookupFailed", .info)
            title = "the \(family) record of \(name) could not be looked up"
            fix = "run the audit again later; if it keeps failing, check the name servers of \(name)"
        case .nxdomain, .nodata:
            (kind, severity) = ("heloForwardMissing", .warning)
            title = "the HELO name \(name) has no \(family) record"
            fix = "add an \(family) record \(name) → \(ip)"
        case .records:
            guard !answer.addresses.contains(address) else { return [] }
            (kind, severity) = ("heloForwardMismatch", .warning)
            title = "the HELO name \(name) does not resolve to \(ip)"
            fix =
                "add \(ip) to the \(family) records of \(name) (now \(answer.addresses.map(\.description).joined(separator: ", ")))"
        }
        return [finding(kind, severity, about: name, title, evidence + answer.evidence, fix: fix)]
    }
}
