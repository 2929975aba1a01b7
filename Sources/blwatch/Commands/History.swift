import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch history`: listing episodes, or the run log.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show listing episodes (of one target) or past scans."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only this address or domain.", valueName: "TARGET"))
        var target: String?

        @Flag(name: .long, help: "Show past scans instead of listing episodes.")
        var runs = false

        @Option(name: .long, help: ArgumentHelp("How many rows at most.", valueName: "N"))
        var limit = 50

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let view = try HistoryView(
                    store: HistoryStore(path: settings.databasePath, create: false),
                    target: target,
                    runs: runs,
                    limit: limit,
                    catalog: settings.catalog
                )
                print(global.json ? view.json : view.text)
                return .clean
            }
        }
    }
}
