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

        func run() async throws {
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
