import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch scan`: the cron job.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every configured target against the selected zones, record the history, report changes."
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .customLong("ip"),
            help: ArgumentHelp(
                "Address or CIDR range to scan in addition to the config; repeatable.",
                valueName: "ADDRESS"
            )
        )
        var ips: [String] = []

        @Option(
            name: .customLong("domain"),
            help: ArgumentHelp("Domain to check on domain (RHSBL) zones; repeatable.", valueName: "DOMAIN")
        )
        var domains: [String] = []

        @Option(
            name: .customLong("list"),
            help: ArgumentHelp(
                "Zone id, tag or 'all' to scan instead of the config's selection; repeatable.",
                valueName: "ID|TAG"
            )
        )
        var selectors: [String] = []

        @Flag(
            name: .long,
            help:
                "Print the report only when a listing appeared or cleared, or a zone or the resolver failed (for cron mail)."
        )
        var quiet = false

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Write the JSON feed here after the scan (atomically); overrides feed: in the config.",
                valueName: "FILE"
            )
        )
        var feed: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Write Prometheus metrics here after the scan, for node_exporter's textfile collector.",
                valueName: "FILE"
            )
        )
        var metrics: String?

        func run() async throws {
            try await ErrorPresenter.run {
                var overrides = global.overrides(targets: ips + domains, selectors: selectors)
                overrides.feedPath = feed
                overrides.metricsPath = metrics
                let settings = try RunSettings.resolve(overrides)
                let report = try await ScanJob(settings: settings, progress: ProgressLine.make(enabled: !global.json))
                    .run()
                if !quiet || report.isNoteworthy {
                    print(global.json ? ReportDocuments.json(report.document) : report.text())
                }
                return report.result.status
            }
        }
    }
}
