import Foundation

/// Turns a run's events (and the reasons known by now) into the words of an alert: a subject line
/// that sorts well in an inbox, a plain-text digest, an HTML alternative and webhook payloads.
struct AlertComposer: Sendable {
    /// The events of one digest.
    let events: [AlertEvent]
    /// Reasons of the listing events' episodes, by episode id.
    let reasons: [Int64: [ListingReasonRecord]]
    /// The machine blwatch runs on, for the greeting line.
    let host: String

    /// `[blwatch] 192.0.2.83 listed on Spamhaus XBL`, or `[blwatch] 3 changes: 2 listed, 1 delisted`.
    var subject: String {
        guard events.count != 1 else { return "[blwatch] \(events[0].title)" }
        var counts: [(AlertEvent.Kind, Int)] = []
        for kind in AlertEvent.Kind.allCases {
            let count = events.filter { $0.kind == kind }.count
            if count > 0 { counts.append((kind, count)) }
        }
        let parts = counts.map { "\($1) \(Self.shortLabel($0))" }
        return "[blwatch] \(events.count) changes: \(parts.joined(separator: ", "))"
    }

    /// Changes a digest spells out; beyond them it counts (a first scan of a /16 can open thousands
    /// of episodes, and a mail of thousands of paragraphs helps no one).
    static let detailedLimit = 50

    /// The changes spelled out: listings and problems first, in their order.
    var detailed: [AlertEvent] { Array(events.prefix(Self.detailedLimit)) }

    /// `… and 13043 more changes (13043 listed): …`, or nil when every change is spelled out.
    var remainder: String? {
        let rest = events.dropFirst(Self.detailedLimit)
        guard !rest.isEmpty else { return nil }
        let counts = AlertEvent.Kind.allCases.compactMap { kind -> String? in
            let count = rest.filter { $0.kind == kind }.count
            return count == 0 ? nil : "\(count) \(Self.shortLabel(kind))"
        }
        return "… and \(rest.count) more changes (\(counts.joined(separator: ", "))): "
            + "blwatch status and blwatch history list them all"
    }

    /// The digest as plain text: every change with target, list, codes and their meaning, since
    /// when, the reason, the delist link and the fix.
    var text: String {
        var out = ["blwatch on \(host): \(Self.plural(events.count, "change")) in the last scan", ""]
        for event in detailed {
            out.append("\(Self.label(event.kind))  \(event.title)" + (event.zoneId.map { " (\($0))" } ?? ""))
            out += details(event).map { "  \($0.label.padding(toLength: 11, withPad: " ", startingAt: 0))\($0.value)" }
            out.append("")
        }
        if let remainder { out += [remainder, ""] }
        out.append("-- ")
        out.append(
            "blwatch \(BLWatchVersion.current): 'blwatch status' shows every open listing, 'blwatch reason TARGET' the details."
        )
        return out.joined(separator: "\n")
    }

    /// The same digest as a small HTML page (inline styles only: mail clients drop style sheets).
    var html: String {
        var out = [
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(Self.escape(subject))</title></head>",
            "<body style=\"font-family: sans-serif; font-size: 14px;\">",
            "<p>blwatch on \(Self.escape(host)): \(Self.plural(events.count, "change")) in the last scan</p>",
        ]
        for event in detailed {
            let color =
                event.kind == .listed || event.kind == .zoneUnhealthy || event.kind == .resolverUnfit
                ? "#b00020" : "#1b5e20"
            out.append(
                "<h3 style=\"color: \(color); margin-bottom: 4px;\">\(Self.escape(Self.label(event.kind))): \(Self.escape(event.title))</h3>"
            )
            out.append("<table style=\"border-collapse: collapse;\">")
            for line in details(event) {
                let value =
                    line.value.hasPrefix("http")
                    ? "<a href=\"\(Self.escape(line.value))\">\(Self.escape(line.value))</a>" : Self.escape(line.value)
                out.append(
                    "<tr><td style=\"padding: 2px 12px 2px 0; color: #555; vertical-align: top;\">\(Self.escape(line.label.trimmingCharacters(in: .whitespaces)))</td><td style=\"padding: 2px 0;\">\(value)</td></tr>"
                )
            }
            out.append("</table>")
        }
        if let remainder { out.append("<p>\(Self.escape(remainder))</p>") }
        out.append("<p style=\"color: #777; font-size: 12px;\">blwatch \(BLWatchVersion.current)</p></body></html>")
        return out.joined(separator: "\n")
    }

    /// Label and value lines under an event's title.
    func details(_ event: AlertEvent) -> [(label: String, value: String)] {
        var lines: [(String, String)] = []
        if let since = event.since {
            let until = event.clearedAt.map { " until \($0.blwatchText)" } ?? ""
            lines.append(("since:", since.blwatchText + until))
        }
        for code in event.codes {
            let list = code.list.flatMap { code.meaning.hasPrefix($0) ? nil : "\($0): " } ?? ""
            lines.append(("code:", "\(code.code) \(list)\(code.meaning)"))
        }
        if event.kind == .listed {
            for action in Set(event.codes.compactMap(\.action)).sorted() { lines.append(("fix:", action)) }
        }
        if let txt = event.txt { lines.append(("TXT:", txt)) }
        for (index, line) in (event.detail ?? "").split(separator: "\n").enumerated() {
            lines.append((index == 0 ? "problem:" : "", String(line)))
        }
        guard event.kind == .listed, let id = event.episodeId else { return lines }
        var delist = event.delistURL
        for reason in reasons[id] ?? [] {
            let sentence = reason.unavailable == nil ? reason.extract?.reasons.first : nil
            lines.append(("why:", sentence ?? reason.summary))
            if let extract = reason.extract, reason.unavailable == nil {
                if !extract.heloValues.isEmpty {
                    lines.append(("HELO seen:", extract.heloValues.joined(separator: ", ")))
                }
                if !extract.detectedAt.isEmpty {
                    lines.append(("detected:", extract.detectedAt.joined(separator: ", ")))
                }
                if !extract.threats.isEmpty { lines.append(("threats:", extract.threats.joined(separator: ", "))) }
                delist = extract.delistURL ?? delist
            }
        }
        if let delist { lines.append(("delist:", delist)) }
        return lines
    }

    static func label(_ kind: AlertEvent.Kind) -> String {
        switch kind {
        case .listed: "NEW LISTING"
        case .delisted: "DELISTED"
        case .zoneUnhealthy: "ZONE UNHEALTHY"
        case .zoneHealthy: "ZONE HEALTHY"
        case .resolverUnfit: "RESOLVER UNFIT"
        case .resolverFit: "RESOLVER FIT"
        case .findingNew: "AUDIT FINDING"
        case .findingResolved: "AUDIT RESOLVED"
        case .test: "TEST"
        }
    }

    static func shortLabel(_ kind: AlertEvent.Kind) -> String {
        switch kind {
        case .listed: "listed"
        case .delisted: "delisted"
        case .zoneUnhealthy: "zone unhealthy"
        case .zoneHealthy: "zone healthy"
        case .resolverUnfit: "resolver unfit"
        case .resolverFit: "resolver fit"
        case .findingNew: "audit finding"
        case .findingResolved: "audit resolved"
        case .test: "test"
        }
    }

    static func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
