public import Foundation

extension NagiosView {
    /// The line for `blwatch check --nagios`: the verdicts of this lookup.
    public init(report: ScanReport) {
        let result = report.result
        var perfdata = Self.counts(listed: result.listedCount, clean: result.cleanCount, unknown: result.unknownCount)
        perfdata.append("queries=\(result.queryCount);;;0")
        let seconds = max(0, result.finishedAt.timeIntervalSince(result.startedAt))
        perfdata.append("time=\(String(format: "%.3f", seconds))s;;;0")
        let listed = result.observations.filter(\.verdict.isListed).map { "\($0.subject) on \($0.zoneID)" }
        let unknown = result.observations.compactMap { observation -> (zone: String, cause: String)? in
            guard case .unknown(let cause) = observation.verdict else { return nil }
            return (observation.zoneID, cause.token)
        }
        if result.listedCount > 0 {
            let also = result.unknownCount > 0 ? "; \(result.unknownCount) unknown" : ""
            self.init(
                state: .critical,
                summary: "\(result.listedCount) listed: \(Self.list(listed))\(also)",
                perfdata: perfdata
            )
        } else if result.unknownCount > 0 {
            self.init(
                state: .warning,
                summary: "nothing listed, \(result.unknownCount) unknown: \(Self.unknownGroups(unknown))",
                perfdata: perfdata
            )
        } else {
            self.init(
                state: .ok,
                summary: "not listed: \(result.cleanCount) clean on \(report.plan.zones.count) zone(s)",
                perfdata: perfdata
            )
        }
    }

    /// The line for `blwatch status --nagios`: the open listings and unknown verdicts of the history,
    /// and a WARNING when the last scan is older than the schedule allows (the timer stopped).
    /// - Parameters:
    ///   - status: what the history says.
    ///   - scansPerDay: the schedule; a scan older than two intervals plus 15 minutes is stale.
    ///   - now: the time to measure the last scan's age against.
    public init(status: StatusView, scansPerDay: Int, now: Date = Date()) {
        let document = status.document
        guard let run = document.lastRun else {
            self.init(error: "no scan recorded yet")
            return
        }
        let age = max(0, Int(now.timeIntervalSince(run.startedAt)))
        let interval = 86_400 / max(1, scansPerDay)
        let staleAfter = 2 * interval + 900
        var perfdata = Self.counts(
            listed: document.listings.count,
            clean: run.cleanCount,
            unknown: document.unknown.count
        )
        perfdata.append("age=\(age)s;\(staleAfter);;0")
        let stale =
            age > staleAfter
            ? "last scan \(Self.duration(age)) ago, expected every \(Self.duration(interval)): is the timer running?"
            : nil
        if !document.listings.isEmpty {
            let listed = document.listings.map { "\($0.subject) on \($0.zoneId) since \($0.firstSeenAt.blwatchText)" }
            self.init(
                state: .critical,
                summary: "\(document.listings.count) open listing(s): \(Self.list(listed))"
                    + (stale.map { "; \($0)" } ?? ""),
                perfdata: perfdata
            )
        } else if !document.unknown.isEmpty {
            let groups = Self.unknownGroups(document.unknown.map { ($0.zoneId, $0.cause) })
            self.init(
                state: .warning,
                summary: "nothing listed, \(document.unknown.count) unknown: \(groups)"
                    + (stale.map { "; \($0)" } ?? ""),
                perfdata: perfdata
            )
        } else if let stale {
            self.init(state: .warning, summary: "nothing listed; \(stale)", perfdata: perfdata)
        } else {
            self.init(
                state: .ok,
                summary: "no open listings; last scan #\(run.id ?? 0) \(Self.duration(age)) ago: "
                    + "\(run.cleanCount) clean of \(run.subjectCount) subject(s) × \(run.zoneCount) zone(s)",
                perfdata: perfdata
            )
        }
    }

    /// `45 s`, `12 min`, `5 h`, `3 d`.
    static func duration(_ seconds: Int) -> String {
        switch seconds {
        case ..<120: "\(seconds) s"
        case ..<7_200: "\(seconds / 60) min"
        case ..<172_800: "\(seconds / 3_600) h"
        default: "\(seconds / 86_400) d"
        }
    }
}
