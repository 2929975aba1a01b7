import Foundation

/// The feed as Prometheus text exposition (format 0.0.4), for node_exporter's textfile collector.
///
/// Names follow the Prometheus conventions: a `blwatch_` prefix, base units in the name
/// (`_seconds`), gauges for states. `blwatch_listed` has a series only for pairs that are listed:
/// a /16 times ten zones would otherwise be 655,360 series of zeros.
enum MetricsText {
    static func render(_ feed: FeedDocument) -> String {
        var out: [String] = []
        func metric(_ name: String, _ help: String, _ samples: [(labels: [(String, String)], value: String)]) {
            out.append("# HELP \(name) \(help)")
            out.append("# TYPE \(name) gauge")
            for sample in samples {
                let labels =
                    sample.labels.isEmpty
                    ? "" : "{" + sample.labels.map { "\($0.0)=\"\(escape($0.1))\"" }.joined(separator: ",") + "}"
                out.append("\(name)\(labels) \(sample.value)")
            }
        }
        let listed = feed.targets.flatMap { target in
            target.listings.map { listing in
                (
                    labels: [
                        ("target", target.target), ("zone", listing.zone), ("list", listing.codes.first?.list ?? ""),
                    ],
                    value: "1"
                )
            }
        }
        metric("blwatch_listed", "1 for each target and zone with an open listing.", listed)
        metric("blwatch_open_listings", "Open listing episodes.", [([], "\(feed.summary.openListings)")])
        metric(
            "blwatch_monitored_targets",
            "Addresses and domains in the last scan.",
            [([], "\(feed.summary.monitoredTargets)")]
        )
        var unknownByZone: [String: Int] = [:]
        for target in feed.targets { for entry in target.unknown { unknownByZone[entry.zone, default: 0] += 1 } }
        metric(
            "blwatch_unknown_verdicts",
            "Pairs whose latest verdict is unknown (neither listed nor clean), per zone.",
            unknownByZone.sorted { $0.key < $1.key }.map { ([("zone", $0.key)], "\($0.value)") }
        )
        let zoneSamples = feed.zones.flatMap { zone in
            zone.kinds.filter { $0.state != "untested" }.map { kind in
                (labels: [("zone", zone.id), ("kind", kind.kind)], value: kind.state == "healthy" ? "1" : "0")
            }
        }
        metric(
            "blwatch_zone_healthy",
            "1 when the zone passed its RFC 5782 health probes in the last scan, else 0.",
            zoneSamples
        )
        metric(
            "blwatch_resolver_fit",
            "1 when the resolver gave usable DNSBL answers in the last scan.",
            [([], feed.resolver.fit ? "1" : "0")]
        )
        if let scan = feed.lastScan {
            metric(
                "blwatch_last_scan_timestamp_seconds",
                "When the last scan started, in Unix time.",
                [([], seconds(scan.startedAt))]
            )
            metric(
                "blwatch_last_scan_duration_seconds",
                "How long the last scan took.",
                [([], "\(scan.durationSeconds)")]
            )
            metric("blwatch_last_scan_queries", "DNS queries the last scan sent.", [([], "\(scan.queries)")])
            metric(
                "blwatch_last_scan_exit_status",
                "The exit status of the last scan (0 clean, 1 listed, 2 unknown).",
                [([], "\(scan.exitStatus)")]
            )
        }
        metric(
            "blwatch_alert_outbox_depth",
            "Alerts waiting in the outbox for a server to accept them.",
            [([], "\(feed.summary.pendingAlerts)")]
        )
        return out.joined(separator: "\n") + "\n"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func seconds(_ date: Date) -> String { String(format: "%.3f", date.timeIntervalSince1970) }
}
