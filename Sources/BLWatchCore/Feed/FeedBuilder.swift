import DNSWire
public import Foundation

/// Assembles the feed from the history: the last scan, open listings with their reasons, unknown
/// verdicts, zone health, the resolver, and the episodes and events of the history window.
public struct FeedBuilder: Sendable {
    private let store: HistoryStore
    private let zones: [Zone]
    private let historyDays: Int
    private let scansPerDay: Int

    /// Creates a builder.
    /// - Parameters:
    ///   - store: the history.
    ///   - zones: the selected zones, for names and the health table.
    ///   - historyDays: how far back episodes and events go.
    ///   - scansPerDay: the schedule, for the feed's scan interval.
    public init(store: HistoryStore, zones: [Zone], historyDays: Int, scansPerDay: Int = 24) {
        self.store = store
        self.zones = zones
        self.historyDays = historyDays
        self.scansPerDay = max(1, scansPerDay)
    }

    /// The feed as of `now`.
    /// - Parameter health: the last scan's zone health when the caller has it (right after a scan);
    ///   otherwise it is read from the history, where only failing zones are kept.
    ///   - diagnosis: the diagnosis to publish with the open findings, when the caller made one.
    /// - Throws: ``StoreError``.
    public func build(now: Date = Date(), health: [ZoneHealth]? = nil, diagnosis: Diagnosis? = nil) throws
        -> FeedDocument
    {
        let run = try store.runs(limit: 1).first
        let open = try store.openListings()
        let reasons = try store.reasons(listingIDs: open.compactMap(\.id))
        let unknown = try store.unknownVerdicts()
        let targets = targetEntries(open: open, reasons: reasons, unknown: unknown)
        let zoneEntries = try zoneHealth(run: run, health: health)
        let since = now.addingTimeInterval(-Double(historyDays) * 86_400)
        let episodes = try store.episodes(activeSince: since)
        let servers = run.map { $0.servers.split(separator: ",").map(String.init) } ?? []
        return FeedDocument(
            generatedAt: now,
            historyDays: historyDays,
            scanIntervalMinutes: max(1, 1440 / scansPerDay),
            lastScan: run.map(scan),
            resolver: FeedDocument.Resolver(
                servers: servers,
                fit: run?.resolverProblem == nil,
                problem: run?.resolverProblem
            ),
            summary: FeedDocument.Summary(
                monitoredTargets: run?.subjectCount ?? 0,
                targetsListed: targets.filter(\.listed).count,
                openListings: open.count,
                unknownVerdicts: unknown.count,
                unhealthyZones: zoneEntries.filter { $0.state == "unhealthy" }.count,
                pendingAlerts: try store.pendingAlertCount()
            ),
            targets: targets,
            zones: zoneEntries,
            episodes: episodes.map(episode),
            events: events(episodes, since: since),
            audit: try audit(diagnosis)
        )
    }

    private func audit(_ diagnosis: Diagnosis?) throws -> FeedDocument.Audit? {
        let findings = try store.openFindings().filter { $0.kind != AuditJob.confirmedNameKind }
        guard !findings.isEmpty || diagnosis?.causes.isEmpty == false else { return nil }
        return FeedDocument.Audit(
            findings: findings.map {
                FeedDocument.Audit.Finding(
                    source: $0.source.rawValue,
                    kind: $0.kind,
                    severity: $0.severity.rawValue,
                    subject: $0.subject,
                    title: $0.title,
                    evidence: $0.evidence,
                    fix: $0.fix,
                    since: $0.firstSeenAt,
                    lastSeen: $0.lastSeenAt
                )
            },
            diagnosis: .init(summary: diagnosis?.summary ?? "", causes: diagnosis?.causes ?? [])
        )
    }

    private func name(_ zoneID: String) -> String { zones.first { $0.id == zoneID }?.name ?? zoneID }

    private func scan(_ run: ScanRunRecord) -> FeedDocument.Scan {
        FeedDocument.Scan(
            runId: run.id ?? 0,
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
            durationSeconds: (run.finishedAt.timeIntervalSince(run.startedAt) * 1000).rounded() / 1000,
            targets: run.subjectCount,
            zones: run.zoneCount,
            queries: run.queryCount,
            listed: run.listedCount,
            clean: run.cleanCount,
            unknown: run.unknownCount,
            exitStatus: run.exitStatus,
            servers: run.servers.split(separator: ",").map(String.init)
        )
    }

    private func targetEntries(
        open: [ListingRecord],
        reasons: [Int64: [ListingReasonRecord]],
        unknown: [UnknownVerdictRecord]
    ) -> [FeedDocument.Target] {
        var byTarget: [String: FeedDocument.Target] = [:]
        for episode in open {
            let rows = episode.id.flatMap { reasons[$0] } ?? []
            let zone = zones.first { $0.id == episode.zoneId }
            let listing = FeedDocument.Listing(
                zone: episode.zoneId,
                zoneName: name(episode.zoneId),
                codes: Self.codes(episode, zone: zone),
                since: episode.firstSeenAt,
                lastSeen: episode.lastSeenAt,
                txt: episode.txt,
                delistURL: ReasonText.delistURL(rows, zone: zone, subject: episode.subject),
                reason: rows.first.map(Self.reason)
            )
            byTarget[episode.subject, default: .init(target: episode.subject, listed: true, listings: [], unknown: [])]
                .listings.append(listing)
        }
        for row in unknown {
            let entry = FeedDocument.Unknown(zone: row.zoneId, cause: row.cause, detail: row.detail, since: row.since)
            byTarget[row.subject, default: .init(target: row.subject, listed: false, listings: [], unknown: [])]
                .unknown.append(entry)
        }
        return byTarget.values.sorted { ($0.listed ? 0 : 1, $0.target) < ($1.listed ? 0 : 1, $1.target) }
    }

    /// The episode's codes with their meanings as stored, and the sub-list the catalog names.
    static func codes(_ episode: ListingRecord, zone: Zone?) -> [FeedDocument.Code] {
        episode.codeMeanings.map { code, meaning in
            let list = IPv4Address(code).flatMap { zone?.meaning(of: $0)?.list }
            return FeedDocument.Code(code: code, meaning: meaning, list: list)
        }
    }

    static func reason(_ row: ListingReasonRecord) -> FeedDocument.Reason {
        FeedDocument.Reason(
            source: row.source.rawValue,
            url: row.url,
            fetchedAt: row.fetchedAt,
            unavailable: row.unavailable,
            summary: row.summary,
            reasons: row.extract?.reasons ?? [],
            heloValues: row.extract?.heloValues ?? [],
            detectedAt: row.extract?.detectedAt ?? [],
            threats: row.extract?.threats ?? []
        )
    }

    private func zoneHealth(run: ScanRunRecord?, health: [ZoneHealth]?) throws -> [FeedDocument.Zone] {
        var rows: [FeedDocument.ZoneKindHealth] = []
        var byZone: [String: [FeedDocument.ZoneKindHealth]] = [:]
        if let health {
            for item in health {
                let row = FeedDocument.ZoneKindHealth(
                    kind: item.kind.rawValue,
                    state: item.label,
                    problem: item.problem?.token,
                    detail: item.problem?.description
                )
                byZone[item.zoneID, default: []].append(row)
            }
        } else if let id = run?.id {
            let failing = try store.health(runID: id)
            for zone in zones {
                rows = zone.kinds.sorted { $0.rawValue < $1.rawValue }.map { kind in
                    let row = failing.first { $0.zoneId == zone.id && $0.kind == kind.rawValue }
                    return FeedDocument.ZoneKindHealth(
                        kind: kind.rawValue,
                        state: row?.state ?? "healthy",
                        problem: row?.problem,
                        detail: row?.detail
                    )
                }
                byZone[zone.id] = rows
            }
        }
        return zones.compactMap { zone in
            guard let kinds = byZone[zone.id], !kinds.isEmpty else { return nil }
            let states = Set(kinds.map(\.state))
            let state =
                states.contains("unhealthy") ? "unhealthy" : states.contains("untested") ? "untested" : "healthy"
            return FeedDocument.Zone(id: zone.id, name: zone.name, state: state, kinds: kinds)
        }
    }

    private func episode(_ record: ListingRecord) -> FeedDocument.Episode {
        FeedDocument.Episode(
            target: record.subject,
            zone: record.zoneId,
            zoneName: name(record.zoneId),
            codes: record.codes,
            start: record.firstSeenAt,
            end: record.clearedAt,
            open: record.isOpen
        )
    }

    private func events(_ episodes: [ListingRecord], since: Date) -> [FeedDocument.Event] {
        var events: [FeedDocument.Event] = []
        for record in episodes {
            if record.firstSeenAt >= since {
                events.append(
                    .init(at: record.firstSeenAt, kind: "listed", target: record.subject, zone: record.zoneId)
                )
            }
            if let cleared = record.clearedAt {
                events.append(.init(at: cleared, kind: "delisted", target: record.subject, zone: record.zoneId))
            }
        }
        return Array(events.sorted { ($0.at, $0.kind) > ($1.at, $1.kind) }.prefix(200))
    }
}
