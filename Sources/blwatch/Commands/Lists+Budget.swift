import ArgumentParser
import BLWatchCore

extension BLWatchCommand.Lists {
    /// `blwatch lists budget`.
    struct Budget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate the daily queries of each selected zone against its documented daily limit.",
            discussion: """
                Per scan, each zone gets one query per target address or domain it serves plus its health \
                probes; per day, that times the scans a day (--scans-per-day, else the config's scansPerDay, \
                else 24). TXT queries for listings and retries come on top.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .customLong("ip"),
            help: ArgumentHelp("Address or CIDR range in addition to the config; repeatable.", valueName: "ADDRESS")
        )
        var ips: [String] = []

        @Option(name: .customLong("domain"), help: ArgumentHelp("Domain to add; repeatable.", valueName: "DOMAIN"))
        var domains: [String] = []

        @Option(
            name: .customLong("list"),
            help: ArgumentHelp(
                "Zone id, tag or 'all' instead of the config's selection; repeatable.",
                valueName: "ID|TAG"
            )
        )
        var selectors: [String] = []

        @Option(
            name: .long,
            help: ArgumentHelp("Scans a day (1-1440; default: the config's scansPerDay, else 24).", valueName: "N")
        )
        var scansPerDay: Int?

        func validate() throws {
            if let scansPerDay, !BudgetEstimate.scansPerDayRange.contains(scansPerDay) {
                throw ValidationError("--scans-per-day must be 1 to 1440")
            }
        }

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides(targets: ips + domains, selectors: selectors))
                let selection = try settings.selection()
                let plan = ScanPlan(targets: settings.targets, zones: selection.zones, key: settings.config.dqsKey)
                let (perDay, source) =
                    scansPerDay.map { ($0, "command line") }
                    ?? settings.config.scansPerDay.map { ($0, "config scansPerDay") }
                    ?? (BudgetEstimate.defaultScansPerDay, "default: hourly")
                let view = BudgetView(
                    estimate: BudgetEstimate(plan: plan, scansPerDay: perDay),
                    scheduleSource: source,
                    warnings: selection.warnings
                )
                print(global.json ? view.json : view.text)
                return .clean
            }
        }
    }
}
