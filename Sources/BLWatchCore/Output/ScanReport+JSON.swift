import DNSWire
import Foundation

extension ScanReport {
    /// The report as a JSON document.
    public var document: ReportDocuments.Scan {
        ReportDocuments.Scan(
            runId: run?.id,
            startedAt: result.startedAt,
            finishedAt: result.finishedAt,
            servers: result.servers,
            subjects: plan.subjects.count,
            zones: plan.zones.count,
            queries: result.queryCount,
            listed: result.listedCount,
            clean: result.cleanCount,
            unknown: result.unknownCount,
            exitStatus: result.status.rawValue,
            health: result.health.map {
                ReportDocuments.Health($0)
            },
            warnings: warnings,
            verdicts: result.observations.map(verdict),
            changes: run == nil ? nil : changes.map(change),
            events: run == nil ? nil : events,
            alertsDelivered: run == nil ? nil : alertsDelivered,
            diagnosis: diagnosis
        )
    }

    private func verdict(_ observation: Observation) -> ReportDocuments.Verdict {
        var document = ReportDocuments.Verdict(
            subject: observation.subject.description,
            zone: observation.zoneID,
            verdict: observation.verdict.label,
            answers: observation.answers.isEmpty ? nil : observation.answers.map(\.description)
        )
        switch observation.verdict {
        case .listed(let codes):
            document.codes = codes.map(Self.code)
            document.txt = observation.txt
            document.lookupURL = lookupURL(zone: zone(observation.zoneID), subject: observation.subject)
            let reasons = self.reasons[
                ListingReasonRecord.key(subject: observation.subject.description, zoneID: observation.zoneID)
            ]
            document.reasons = reasons.map { $0.map { ReportDocuments.Reason($0) } }
        case .unknown(let cause):
            document.cause = cause.token
            document.detail = cause.description
        case .clean:
            break
        }
        return document
    }

    static func code(_ code: ListingCode) -> ReportDocuments.Code {
        ReportDocuments.Code(
            code: code.code.description,
            meaning: code.meaning.meaning,
            list: code.meaning.list,
            category: code.meaning.category?.rawValue,
            severity: code.meaning.severity?.rawValue,
            action: code.meaning.action
        )
    }

    private func change(_ change: ListingChange) -> ReportDocuments.Change {
        switch change {
        case .listed(let observation):
            ReportDocuments.Change(change: "listed", subject: observation.subject.description, zone: observation.zoneID)
        case .delisted(let episode):
            ReportDocuments.Change(
                change: "delisted",
                subject: episode.subject,
                zone: episode.zoneId,
                firstSeenAt: episode.firstSeenAt
            )
        }
    }
}
