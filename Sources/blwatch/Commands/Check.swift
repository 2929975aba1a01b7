import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch check`: an ad hoc lookup that touches no database.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look up addresses or domains now, without recording anything.",
            discussion: "Exit status as for scan: 0 clean, 1 listed, 2 some verdicts unknown."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("IPv4 or IPv6 addresses, CIDR ranges, or domains.", valueName: "IP|DOMAIN"))
        var subjects: [String]

        @Option(
            name: .customLong("zone"),
            help: ArgumentHelp(
                "A zone that is not in the catalog, queried with RFC 5782 defaults; repeatable. Without --list, only these zones are queried.",
                valueName: "ZONE"
            )
        )
        var zones: [String] = []

        @Option(
            name: .customLong("list"),
            help: ArgumentHelp(
                "Zone id, tag or 'all' from the catalog; repeatable (default: the 'default' tag).",
                valueName: "ID|TAG"
            )
        )
        var selectors: [String] = []

        @Flag(name: .long, help: "Print one Nagios/Icinga plugin line: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
        var nagios = false

        func run() async throws {
            if nagios { return try await NagiosPresenter.run { NagiosView(report: try await check()) } }
            try await ErrorPresenter.run {
                let report = try await check()
                print(global.json ? ReportDocuments.json(report.document) : report.text(showClean: true))
                return report.result.status
            }
        }

        private func check() async throws -> ScanReport {
            var overrides = global.overrides(targets: subjects, selectors: selectors)
            overrides.useConfigTargets = false
            let settings = try RunSettings.resolve(overrides)
            return try await CheckJob(settings: settings, adHocZones: zones).run()
        }
    }
}
