extension MTALogReport {
    /// The report for a terminal: files read, counts by cause, remote host and day (each split
    /// into bounces, normal mail and unknown senders), then the findings with evidence and fix.
    public var text: String {
        var sections = [filesText]
        if total.rejections == 0 {
            sections.append("No HELO or blocklist rejections by remote servers found.")
        } else {
            sections.append(
                "Rejections: \(total.rejections) (bounces \(total.bounces), normal \(total.normal), "
                    + "sender unknown \(total.unknown))"
            )
            sections.append("By cause:\n" + Self.table("Cause", byCause) { Cause(rawValue: $0)?.label ?? $0 })
            sections.append("By remote host:\n" + Self.table("Remote", byRemote) { $0 })
            sections.append("By day:\n" + Self.table("Day", byDay) { $0 })
        }
        if !listedAddresses.isEmpty || !lists.isEmpty {
            sections.append(
                "Listed: \(listedAddresses.joined(separator: ", ")) on \(lists.joined(separator: ", "))"
            )
        }
        if !findings.isEmpty { sections.append("Findings:\n" + findings.map(Self.findingText).joined(separator: "\n")) }
        if !warnings.isEmpty { sections.append(warnings.map { "warning: \($0)" }.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n")
    }

    private var filesText: String {
        let parts = files.map { file in
            "\(file.path) (\(file.format)\(file.compressed ? ", gzip" : ""), \(file.lines) lines)"
        }
        return "Read \(linesRead) lines from \(files.count) file\(files.count == 1 ? "" : "s"): "
            + parts.joined(separator: ", ")
    }

    private static func table(_ title: String, _ tallies: [Tally], label: (String) -> String) -> String {
        var table = TextTable([title, "Rejections", "Bounces", "Normal", "Unknown"])
        for tally in tallies {
            table.append([
                label(tally.key), "\(tally.rejections)", "\(tally.bounces)", "\(tally.normal)", "\(tally.unknown)",
            ])
        }
        return table.render()
    }

    /// One finding: `[SEVERITY] kind: title`, its evidence lines indented, then `fix:`.
    /// - Parameter finding: the finding.
    /// - Returns: lines joined with `\n`.
    public static func findingText(_ finding: AuditFinding) -> String {
        var lines = ["[\(finding.severity.rawValue.uppercased())] \(finding.kind): \(finding.title)"]
        if !finding.subject.isEmpty { lines.append("  in: \(finding.subject)") }
        lines += finding.evidence.map { "  > \($0)" }
        lines.append("  fix: \(finding.fix)")
        return lines.joined(separator: "\n")
    }
}
