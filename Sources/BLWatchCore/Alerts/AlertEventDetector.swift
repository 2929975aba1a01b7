import DNSWire
import Foundation
import GRDB

/// Finds the events of a run inside the transaction that records it, so a run and its alerts are
/// stored together or not at all.
///
/// Listings: a new episode alerts once it has been seen in `confirm` consecutive scans (a clean
/// answer before that closes it without a word); a delisting alerts only for an episode that did.
/// With `confirm` 1 the store marks a new episode alerted as it inserts it and asks
/// ``listedEvent(_:_:)`` for its event, so the first scan of a large range is one write per episode.
/// Health: a zone or the resolver alerts when it turns bad and when it turns good again, compared
/// with the run before.
struct AlertEventDetector {
    let confirm: Int
    let plan: ScanPlan
    let result: ScanResult

    func detect(runID: Int64, delisted: [ListingRecord], db: Database) throws -> [AlertEvent] {
        var events = try listings(runID: runID, db: db)
        for episode in delisted where episode.alertedRunId != nil { events.append(delistedEvent(episode)) }
        events += try health(runID: runID, db: db)
        return events
    }

    // MARK: - Listings

    private func listings(runID: Int64, db: Database) throws -> [AlertEvent] {
        let pending = try ListingRecord.all().open().filter(Column("alertedRunId") == nil).fetchAll(db)
        guard !pending.isEmpty else { return [] }
        // Indices, not copies: the first scan of a /16 has thousands of listed observations.
        var listed: [ListingPair: Int] = [:]
        for (index, observation) in result.observations.enumerated() where observation.verdict.isListed {
            listed[ListingPair(subject: observation.subject.description, zoneID: observation.zoneID)] = index
        }
        // One prepared statement for every episode: only these two columns change.
        let update = try db.cachedStatement(sql: "UPDATE listing SET sightings = ?, alertedRunId = ? WHERE id = ?")
        var events: [AlertEvent] = []
        for var episode in pending {
            guard let index = listed[ListingPair(subject: episode.subject, zoneID: episode.zoneId)] else { continue }
            // The run that opened the episode counted its first sighting when it inserted it.
            if episode.openedRunId != runID { episode.sightings += 1 }
            if episode.sightings >= confirm {
                episode.alertedRunId = runID
                events.append(listedEvent(episode, result.observations[index]))
            }
            try update.execute(arguments: [episode.sightings, episode.alertedRunId, episode.id])
        }
        return events
    }

    /// The event of an episode that alerts now, with the codes and reason of `observation`.
    func listedEvent(_ episode: ListingRecord, _ observation: Observation) -> AlertEvent {
        let zone = plan.zones.first { $0.zone.id == episode.zoneId }?.zone
        var codes: [AlertEvent.Code] = []
        if case .listed(let listing) = observation.verdict {
            codes = listing.map {
                AlertEvent.Code(
                    code: $0.code.description,
                    meaning: $0.meaning.meaning,
                    list: $0.meaning.list,
                    action: $0.meaning.action
                )
            }
        }
        let zoneName = zone?.name ?? episode.zoneId
        let name = AlertEvent.listName(zoneName: zoneName, lists: codes.compactMap(\.list))
        return AlertEvent(
            kind: .listed,
            title: "\(episode.subject) listed on \(name)",
            subject: episode.subject,
            zoneId: episode.zoneId,
            zoneName: zoneName,
            codes: codes,
            txt: observation.txt,
            since: episode.firstSeenAt,
            episodeId: episode.id,
            delistURL: zone?.delistURL?.replacing("{target}", with: episode.subject)
        )
    }

    private func delistedEvent(_ episode: ListingRecord) -> AlertEvent {
        let zone = plan.zones.first { $0.zone.id == episode.zoneId }?.zone
        let zoneName = zone?.name ?? episode.zoneId
        let codes = episode.codeMeanings.map {
            AlertEvent.Code(code: $0.code, meaning: $0.meaning, list: nil, action: nil)
        }
        return AlertEvent(
            kind: .delisted,
            title: "\(episode.subject) delisted from \(zoneName)",
            subject: episode.subject,
            zoneId: episode.zoneId,
            zoneName: zoneName,
            codes: codes,
            since: episode.firstSeenAt,
            clearedAt: episode.clearedAt,
            episodeId: episode.id
        )
    }

    // MARK: - Health

    private func health(runID: Int64, db: Database) throws -> [AlertEvent] {
        let previous = try ScanRunRecord.filter(Column("id") < runID).order(Column("id").desc).fetchOne(db)
        var events: [AlertEvent] = []
        let problem = Self.resolverProblem(result.health)
        let resolver = result.servers.joined(separator: ", ")
        if let problem, previous?.resolverProblem == nil {
            events.append(
                AlertEvent(kind: .resolverUnfit, title: "resolver \(resolver) unfit for DNSBL queries", detail: problem)
            )
        } else if problem == nil, let before = previous?.resolverProblem, !result.health.isEmpty {
            events.append(
                AlertEvent(
                    kind: .resolverFit,
                    title: "resolver \(resolver) answers DNSBL queries again",
                    detail: before
                )
            )
        }
        // With the resolver at fault every zone looks bad: that is one event, not one per zone.
        guard problem == nil, let previous, previous.resolverProblem == nil, let previousID = previous.id else {
            return events
        }
        let before = Dictionary(
            try ZoneHealthRecord.filter(Column("scanRunId") == previousID).fetchAll(db).map {
                ("\($0.zoneId)|\($0.kind)", $0)
            },
            uniquingKeysWith: { first, _ in first }
        )
        for health in result.health where !health.untested {
            let key = "\(health.zoneID)|\(health.kind.rawValue)"
            let wasUnhealthy = before[key]?.state == "unhealthy"
            let name = plan.zones.first { $0.zone.id == health.zoneID }?.zone.name ?? health.zoneID
            if let problem = health.problem, !wasUnhealthy {
                events.append(
                    AlertEvent(
                        kind: .zoneUnhealthy,
                        title: "zone \(health.zoneID) (\(health.kind.rawValue)) failed its health probes",
                        zoneId: health.zoneID,
                        zoneName: name,
                        detail: problem.description
                    )
                )
            } else if health.isHealthy, wasUnhealthy {
                events.append(
                    AlertEvent(
                        kind: .zoneHealthy,
                        title: "zone \(health.zoneID) (\(health.kind.rawValue)) healthy again",
                        zoneId: health.zoneID,
                        zoneName: name,
                        detail: before[key]?.detail
                    )
                )
            }
        }
        return events
    }

    /// What is wrong with the resolver, judged from the health probes: a list refusing it as an
    /// open resolver, rewritten answers, or no zone answering at all.
    static func resolverProblem(_ health: [ZoneHealth]) -> String? {
        if let problem = health.lazy.compactMap(\.problem).first(where: \.isResolverProblem) {
            return problem.description
        }
        let probed = health.filter { !$0.untested }
        let unreachable = probed.filter { if case .unreachable = $0.problem { true } else { false } }
        if !probed.isEmpty, unreachable.count == probed.count, let first = unreachable.first?.problem {
            return "no zone answered its health probes: \(first.description)"
        }
        return nil
    }
}
