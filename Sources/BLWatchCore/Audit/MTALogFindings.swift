/// Turns the counted refusals into one ``AuditFinding`` per cause, with evidence and a fix that
/// fits what the evidence shows (bounces only or all mail, Exim or Postfix).
struct MTALogFindings {
    /// The longest evidence line, in characters.
    static let evidenceLength = 220

    let collector: MTALogCollector
    let report: MTALogReport

    /// One finding per cause with refusals, in ``MTALogReport/Cause`` order.
    func findings() -> [AuditFinding] {
        report.byCause.compactMap { tally in
            guard let cause = MTALogReport.Cause(rawValue: tally.key), tally.rejections > 0 else { return nil }
            return finding(cause, tally: tally)
        }
    }

    private func finding(_ cause: MTALogReport.Cause, tally: MTALogReport.Tally) -> AuditFinding {
        let items = collector.evidence[cause] ?? []
        let files = items.reduce(into: [String]()) { if !$0.contains($1.file) { $0.append($1.file) } }
        let mtas = Set(items.map(\.mta))
        let remotes = collector.remotes[cause]?.count ?? 0
        let title =
            "\(headline(cause)): \(Self.plural(tally.rejections, "rejection")) by \(Self.plural(remotes, "host"))"
            + " (\(Self.split(tally)))"
        return AuditFinding(
            kind: cause.findingKind,
            severity: cause == .emptyHELO ? .critical : .warning,
            source: .logs,
            subject: files.joined(separator: ", "),
            title: title,
            evidence: pickEvidence(items, preferBounces: tally.bounces > 0),
            fix: fix(cause, tally: tally, mtas: mtas)
        )
    }

    private func headline(_ cause: MTALogReport.Cause) -> String {
        switch cause {
        case .emptyHELO: "Remote servers refused our empty HELO/EHLO"
        case .heloSyntax: "Remote servers refused our HELO name as malformed"
        case .nonFQDN: "Remote servers refused our HELO name as not fully qualified"
        case .unknownHELO: "Remote servers refused our HELO name as not found in DNS"
        case .heloRejected: "Remote servers refused our HELO name"
        case .blocklist:
            report.lists.isEmpty
                ? "Remote servers refused our mail as blocklisted"
                : "Remote servers refused our mail as listed on \(report.lists.joined(separator: ", "))"
        }
    }

    private static func split(_ tally: MTALogReport.Tally) -> String {
        var parts = ["bounces \(tally.bounces)", "normal \(tally.normal)"]
        if tally.unknown > 0 { parts.append("sender unknown \(tally.unknown)") }
        return parts.joined(separator: ", ")
    }

    private func fix(_ cause: MTALogReport.Cause, tally: MTALogReport.Tally, mtas: Set<MTARejection.MTA>) -> String {
        let knob =
            mtas == [.postfix]
            ? "smtp_helo_name (or myhostname)"
            : mtas == [.exim]
                ? "helo_data (Debian: REMOTE_SMTP_HELO_DATA)" : "Exim's helo_data or Postfix's smtp_helo_name"
        let bounceNote =
            tally.onlyBounces && mtas.contains(.exim)
            ? "; only bounces are refused, so helo_data probably depends on the sender, which bounces lack" : ""
        switch cause {
        case .emptyHELO:
            if tally.onlyBounces && mtas != [.postfix] {
                return "bounces leave with an empty HELO: set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to a fixed FQDN"
            }
            return
                "messages leave with an empty HELO: set \(knob) to a fixed FQDN whose A record and PTR match the sending IP"
        case .heloSyntax:
            return
                "set \(knob) to a plain fully-qualified host name (letters, digits, hyphens, dots) matching the sending IP's PTR\(bounceNote)"
        case .nonFQDN:
            return "set \(knob) to the fully-qualified name in the sending IP's PTR, not a short host name\(bounceNote)"
        case .unknownHELO:
            return "set \(knob) to a name with an A record for the sending IP and a matching PTR\(bounceNote)"
        case .heloRejected:
            return
                "read the refusal text; set \(knob) to the fully-qualified name in the sending IP's PTR, which resolves back to it\(bounceNote)"
        case .blocklist:
            let who =
                report.listedAddresses.isEmpty ? "the sending address" : report.listedAddresses.joined(separator: ", ")
            return
                "find why \(who) is listed (blwatch check, blwatch reason), fix the cause (often the HELO), then request removal"
        }
    }

    /// Up to 3 lines, one per remote host first, bounces first when there are any.
    private func pickEvidence(_ items: [MTALogCollector.Evidence], preferBounces: Bool) -> [String] {
        let ordered =
            preferBounces
            ? items.filter { collector.kind(of: $0.message) == .bounce }
                + items.filter { collector.kind(of: $0.message) != .bounce } : items
        var picked: [MTALogCollector.Evidence] = []
        for item in ordered where picked.count < 3 && !picked.contains(where: { $0.remote == item.remote }) {
            picked.append(item)
        }
        for item in ordered where picked.count < 3 && !picked.contains(where: { $0.line == item.line }) {
            picked.append(item)
        }
        return picked.map { Self.shorten($0.line, focus: $0.focus, id: $0.id) }
    }

    /// One line of at most ``evidenceLength`` characters, embedded newlines shown as `\n`.
    ///
    /// A long line keeps its start (time, message id) and its refusal text (`focus`), dropping
    /// the middle (`to=`, `relay=`, TLS details) and then the end of the refusal.
    static func shorten(_ line: String, focus: String = "", id: String? = nil) -> String {
        let flat = flatten(line)
        guard flat.count > evidenceLength else { return flat }
        let tail = flatten(focus)
        var head = flat
        if !tail.isEmpty, flat.hasSuffix(tail) {
            head = String(flat.dropLast(tail.count))
            if head.count > 60 {
                let end =
                    id.flatMap { head.firstRange(of: $0)?.upperBound } ?? head.index(head.startIndex, offsetBy: 44)
                head = head[..<end] + (head[end...].hasPrefix(":") ? ":" : "") + " … "
            }
            head += tail
        }
        guard head.count > evidenceLength else { return head }
        return String(head.prefix(evidenceLength - 1)) + "…"
    }

    private static func flatten(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
