import DNSWire
public import Foundation

extension ScanReport {
    /// The report as text for a terminal or a cron mail.
    /// - Parameter showClean: list clean verdicts too (ad hoc checks).
    public func text(showClean: Bool = false) -> String {
        var out = ReportLines()
        let seconds = result.finishedAt.timeIntervalSince(result.startedAt)
        out.append(
            "\(plan.subjects.count) subject(s) × \(plan.zones.count) zone(s): \(result.queryCount) queries in "
                + String(format: "%.3f s", seconds) + " via \(result.servers.joined(separator: ", "))"
        )
        if !result.unhealthy.isEmpty || result.health.contains(where: \.untested) {
            out.append("\nzone health:")
            var table = TextTable(["ZONE", "KIND", "STATE", "DETAIL"])
            for health in result.health where !health.isHealthy || health.untested {
                table.append([
                    health.zoneID, health.kind.rawValue, health.label,
                    health.problem?.description ?? "no RFC 5782 test entries",
                ])
            }
            out.append(table.render())
        }
        if !warnings.isEmpty { out.append("\nwarnings:\n" + warnings.map { "  - " + $0 }.joined(separator: "\n")) }
        appendListings(to: &out)
        appendUnknown(to: &out)
        if showClean {
            let clean = result.observations.filter { $0.verdict == .clean }
            if !clean.isEmpty {
                var table = TextTable(["SUBJECT", "ZONE", "ANSWER"])
                for observation in clean {
                    table.append([
                        observation.subject.description, observation.zoneID,
                        observation.answers.isEmpty
                            ? "not listed" : observation.answers.map(\.description).joined(separator: ","),
                    ])
                }
                out.append("\nclean:\n" + table.render())
            }
        }
        appendChanges(to: &out)
        if let diagnosis, !diagnosis.causes.isEmpty { out.append("\n" + diagnosis.text) }
        appendAlerts(to: &out)
        let status = result.status
        out.append(
            "\nresult: \(result.listedCount) listed, \(result.cleanCount) clean, \(result.unknownCount) unknown (exit \(status.rawValue): \(status.summary))"
        )
        return out.text
    }

    private func appendListings(to out: inout ReportLines) {
        let listed = result.observations.filter { $0.verdict.isListed }
        guard !listed.isEmpty else { return }
        out.append("\nlisted:")
        for observation in listed {
            guard case .listed(let codes) = observation.verdict else { continue }
            let zone = self.zone(observation.zoneID)
            out.append("  \(observation.subject) on \(zone?.name ?? observation.zoneID) (\(observation.zoneID))")
            for code in codes {
                let list = code.meaning.list.flatMap { code.meaning.meaning.hasPrefix($0) ? nil : "\($0): " } ?? ""
                out.append("    \(code.code)  \(list)\(code.meaning.meaning)")
                if let action = code.meaning.action { out.append("      fix: \(action)") }
            }
            if let txt = observation.txt { out.append("    TXT: \(txt)") }
            if let url = lookupURL(zone: zone, subject: observation.subject) { out.append("    lookup: \(url)") }
            let subject = observation.subject.description
            out += ReasonText.lines(
                reasons[ListingReasonRecord.key(subject: subject, zoneID: observation.zoneID)] ?? [],
                zone: zone,
                subject: subject,
                indent: "    "
            )
        }
    }

    private func appendUnknown(to out: inout ReportLines) {
        let groups = unknownGroups
        guard !groups.isEmpty else { return }
        out.append("\nunknown (neither listed nor clean):")
        var table = TextTable(["ZONE", "COUNT", "CAUSE", "EXAMPLES"])
        for group in groups {
            table.append([
                group.zoneID, "\(group.count)", group.cause.description,
                group.examples.map(\.description).joined(separator: ", "),
            ])
        }
        out.append(table.render())
    }

    private func appendAlerts(to out: inout ReportLines) {
        let health = events.filter { !$0.isListing }
        if !health.isEmpty {
            out.append("\nhealth changes since the last scan:")
            for event in health { out.append("  \(AlertComposer.label(event.kind)) \(event.title)") }
        }
        if !alertsDelivered.isEmpty {
            out.append("\nalerts: " + alertsDelivered.joined(separator: "; "))
        }
    }

    private func appendChanges(to out: inout ReportLines) {
        guard !changes.isEmpty else { return }
        out.append("\nchanges since the last scan:")
        for change in changes {
            switch change {
            case .listed(let observation): out.append("  + NEW LISTING \(observation.subject) on \(observation.zoneID)")
            case .delisted(let episode):
                out.append(
                    "  - DELISTED \(episode.subject) from \(episode.zoneId) (listed since \(episode.firstSeenAt.blwatchText))"
                )
            }
        }
    }
}

/// The lines of a report, kept as one string as they come: the first scan of a /16 reports tens of
/// thousands of lines, and an array of them, joined at the end, held the report three times over.
struct ReportLines {
    /// The lines so far, joined by newlines.
    private(set) var text = ""
    private var started = false

    /// Adds a line (which may hold newlines of its own).
    mutating func append(_ line: String) {
        if started { text += "\n" }
        started = true
        text += line
    }

    /// Adds lines in order.
    static func += (lines: inout ReportLines, more: [String]) {
        for line in more { lines.append(line) }
    }
}

extension Date {
    /// `2026-11-29 15:04:05Z`, for tables.
    public var blwatchText: String { formatted(Self.tableStyle) }

    private static let tableStyle = Date.ISO8601FormatStyle(
        dateSeparator: .dash,
        dateTimeSeparator: .space,
        timeZone: TimeZone(identifier: "UTC")!
    )
}
