import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch reason`: why a target is listed, as the lists' pages and WQS said.
    struct Reason: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show why a target is listed: TXT answers, lookup pages, Spamhaus WQS.",
            discussion: """
                Shows the open listing episodes of TARGET (else its latest episode per zone) with the \
                reasons captured when they opened. --refresh fetches the lookup pages (and WQS, with a \
                DQS key) again now and stores what they say.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The address or domain.", valueName: "TARGET"))
        var target: String

        @Option(name: .long, help: ArgumentHelp("Only this zone id.", valueName: "ID"))
        var zone: String?

        @Flag(name: .long, help: "Fetch the reasons again now, replacing the stored ones.")
        var refresh = false

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let store = try HistoryStore(path: settings.databasePath, create: false)
                var view = try ReasonView(store: store, catalog: settings.catalog, target: target, zoneID: zone)
                if refresh, !view.episodes.isEmpty {
                    let outcome = try await ReasonJob(settings: settings, store: store).refresh(view.episodes)
                    for warning in outcome.warnings { StandardError.write("blwatch: warning: \(warning)\n") }
                    try view.reload(from: store)
                }
                print(global.json ? view.json : view.text)
                return .clean
            }
        }
    }
}
