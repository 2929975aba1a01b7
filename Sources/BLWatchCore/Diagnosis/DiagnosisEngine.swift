import Foundation

/// Joins listings, audit findings, captured HELOs and log evidence into ranked causes.
///
/// Each rule gathers the evidence for one cause, from every source that can show it; a cause is
/// reported only with evidence, ranked first when it explains a current listing, then by the weight
/// of its evidence (a captured or logged fact weighs more than a configuration that could cause it).
public enum DiagnosisEngine {
    /// The diagnosis of `input`, for `target` (nil: every target).
    public static func diagnose(_ input: DiagnosisInput, target: String? = nil) -> Diagnosis {
        let causes = [emptyHELOForBounces(input), badHELOName(input), noForwardConfirmedReverseDNS(input)]
            .compactMap { $0 }
            .sorted { ($0.listings.isEmpty ? 0 : 1, $0.score) > ($1.listings.isEmpty ? 0 : 1, $1.score) }
        return Diagnosis(target: target, causes: causes)
    }

    // MARK: - The incident: bounces greet with an empty HELO

    static func emptyHELOForBounces(_ input: DiagnosisInput) -> Diagnosis.Cause? {
        var evidence: [String] = []
        var score = 0
        for capture in input.captures where capture.argument.isEmpty {
            let kind = capture.isBounce ? "a bounce (MAIL FROM:<>)" : "MAIL FROM:\(capture.mailFrom ?? "?")"
            evidence.append(
                "helo-catch \(capture.capturedAt.blwatchText): \(capture.peer) greeted \(capture.command) \"\" for \(kind)"
            )
            score += capture.isBounce ? 4 : 3
        }
        for finding in input.findings(["heloEmpty", "remoteRejectedEmptyHELO", "eximHELOFromSender"]) {
            evidence.append(
                "\(label(finding.source)): \(finding.title)" + (finding.evidence.first.map { " — \($0)" } ?? "")
            )
            score += finding.kind == "eximHELOFromSender" ? 2 : 4
        }
        let listed = input.listings.filter { $0.heloValues.contains("(empty)") }
        for listing in listed {
            let detected =
                listing.reasons.compactMap { $0.extract?.detectedAt.first }.first.map { ", detected \($0)" } ?? ""
            evidence.append("\(listing.episode.zoneId) lookup page: HELO seen (empty)\(detected)")
            score += 4
        }
        guard score > 0 else { return nil }
        let explained = input.listings.filter(\.isHELORelated)
        let setting =
            input.findings(["eximHELOFromSender"]).isEmpty
            ? "the HELO name (Exim: helo_data in the remote_smtp transport, Debian: REMOTE_SMTP_HELO_DATA; Postfix: smtp_helo_name)"
            : "REMOTE_SMTP_HELO_DATA (or helo_data in the remote_smtp transport) to a fixed name instead of $sender_address_domain"
        return Diagnosis.Cause(
            kind: "emptyHELOForBounces",
            title: "bounces leave with an empty HELO",
            severity: .critical,
            score: score,
            listings: explained.map(\.label),
            evidence: evidence,
            fix: "set \(setting)\(nameClause(input, explained)) so bounces (null sender) greet like all other mail"
                + delistClause(explained)
        )
    }

    // MARK: - A HELO name that is not the server's FQDN

    static let badNameKinds: Set<String> = [
        "heloNotFQDN", "heloLocal", "heloIsAddress", "heloNotPTR", "heloForwardMismatch", "heloForwardMissing",
        "heloCapturedNotFQDN", "heloCapturedMismatch", "remoteRejectedNonFQDN", "remoteRejectedHELOSyntax",
        "remoteRejectedUnknownHELO", "remoteRejectedHELO", "postfixHELONotFQDN", "bannerNameMismatch",
    ]

    static func badHELOName(_ input: DiagnosisInput) -> Diagnosis.Cause? {
        var evidence: [String] = []
        var score = 0
        for finding in input.findings(badNameKinds) {
            evidence.append(
                "\(label(finding.source)): \(finding.title)" + (finding.evidence.first.map { " — \($0)" } ?? "")
            )
            score += finding.severity == .critical ? 3 : finding.severity == .warning ? 2 : 1
        }
        for listing in input.listings {
            for value in listing.heloValues where value != "(empty)" && !HELOName.looksQualified(value) {
                evidence.append(
                    "\(listing.episode.zoneId) lookup page: HELO seen \"\(value)\", not a fully qualified name"
                )
                score += 3
            }
        }
        guard score > 0 else { return nil }
        let explained = input.listings.filter(\.isHELORelated)
        let fixes = Array(Set(input.findings(badNameKinds).map(\.fix))).sorted()
        let fix =
            fixes.count == 1
            ? fixes[0]
            : "greet with the server's fully qualified name\(nameClause(input, explained)) on every connection"
        return Diagnosis.Cause(
            kind: "badHELOName",
            title: "the HELO name is not this server's fully qualified, forward-confirmed name",
            severity: explained.isEmpty ? .warning : .critical,
            score: score,
            listings: explained.map(\.label),
            evidence: evidence,
            fix: fix + delistClause(explained)
        )
    }

    // MARK: - Reverse DNS

    static let reverseKinds: Set<String> = [
        "ptrMissing", "ptrGeneric", "fcrdnsMismatch", "forwardMissing", "ptrMultiple",
    ]

    static func noForwardConfirmedReverseDNS(_ input: DiagnosisInput) -> Diagnosis.Cause? {
        let findings = input.findings(reverseKinds)
        guard !findings.isEmpty else { return nil }
        let explained = input.listings.filter(\.isReverseDNSRelated)
        return Diagnosis.Cause(
            kind: "noForwardConfirmedReverseDNS",
            title: "reverse DNS does not confirm the sending address",
            severity: findings.map(\.severity).max() ?? .warning,
            score: findings.map { $0.severity == .critical ? 3 : 2 }.reduce(0, +),
            listings: explained.map(\.label),
            evidence: findings.map {
                "\(label($0.source)): \($0.title)" + ($0.evidence.first.map { " — \($0)" } ?? "")
            },
            fix: Array(Set(findings.map(\.fix))).sorted().joined(separator: "; ") + delistClause(explained)
        )
    }

    // MARK: - Wording

    /// `, mail.example.com, whose A record holds 192.0.2.83 and whose PTR is mail.example.com`.
    static func nameClause(_ input: DiagnosisInput, _ listings: [DiagnosisInput.Listing]) -> String {
        let addresses = listings.map(\.episode.subject) + input.confirmedNames.keys.sorted()
        guard let address = addresses.first(where: { input.confirmedNames[$0] != nil }),
            let name = input.confirmedNames[address]
        else { return "" }
        return " to \(name), whose address record holds \(address) and whose PTR is \(name),"
    }

    static func delistClause(_ listings: [DiagnosisInput.Listing]) -> String {
        let links = Array(Set(listings.compactMap(\.delistURL))).sorted()
        return links.isEmpty ? "" : "; then request delisting: \(links.joined(separator: ", "))"
    }

    static func label(_ source: AuditFinding.Source) -> String {
        switch source {
        case .dns: "DNS"
        case .smtp: "SMTP probe"
        case .heloCatch: "helo-catch"
        case .logs: "MTA log"
        case .config: "MTA config"
        }
    }
}
