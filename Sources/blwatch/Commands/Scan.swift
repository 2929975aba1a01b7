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

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides(targets: ips + domains, selectors: selectors))
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
