import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch feed`: the dashboard feed, rendered from the history on demand.
    struct Feed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the JSON feed (schema: feed.schema.json) from the history.",
            discussion: "Without --out the feed goes to standard output. Files are written atomically."
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Write the feed to this file instead of printing it.", valueName: "FILE")
        )
        var out: String?

        @Option(name: .long, help: ArgumentHelp("Also write Prometheus metrics to this file.", valueName: "FILE"))
        var metrics: String?

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let job = FeedJob(
                    settings: settings,
                    store: try HistoryStore(path: settings.databasePath, create: false)
                )
                let document = try job.document()
                try job.write(document, feed: out, metrics: metrics)
                if out == nil { print(document.json, terminator: "") }
                return .clean
            }
        }
    }
}
