import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch status`: what the history says now.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the open listings, the unknown verdicts and the last scan.",
            discussion: "Exit status: 1 when a listing is open, 2 when only unknown verdicts are, else 0."
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "Print one Nagios/Icinga plugin line: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
        var nagios = false

        func run() async throws {
            if nagios {
                return try await NagiosPresenter.run {
                    let settings = try RunSettings.resolve(global.overrides())
                    let view = try StatusView(store: HistoryStore(path: settings.databasePath, create: false))
                    return NagiosView(
                        status: view,
                        scansPerDay: settings.config.scansPerDay ?? BudgetEstimate.defaultScansPerDay
                    )
                }
            }
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let view = try StatusView(
                    store: HistoryStore(path: settings.databasePath, create: false),
                    catalog: settings.catalog
                )
                print(global.json ? ReportDocuments.json(view.document) : view.text)
                return view.status
            }
        }
    }
}
