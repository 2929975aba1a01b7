import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch lists`: the catalog, and its health probes.
    struct Lists: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the zone catalog.",
            subcommands: [Show.self, Test.self, Budget.self],
            defaultSubcommand: Show.self
        )

        /// `blwatch lists [show]`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show every zone of the catalog and whether it is selected."
            )

            @OptionGroup var global: GlobalOptions

            func run() async throws {
                try await ErrorPresenter.run {
                    let settings = try RunSettings.resolve(global.overrides())
                    let view = CatalogView(catalog: settings.catalog, selected: try settings.selection())
                    print(global.json ? view.json : view.text)
                    return .clean
                }
            }
        }

        /// `blwatch lists test`.
        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Run the RFC 5782 health probes of the selected zones through the resolver.",
                discussion: "Exit status: 0 when every zone is healthy, 2 otherwise."
            )

            @OptionGroup var global: GlobalOptions

            @Option(
                name: .customLong("list"),
                help: ArgumentHelp(
                    "Zone id, tag or 'all'; repeatable (default: the config's selection).",
                    valueName: "ID|TAG"
                )
            )
            var selectors: [String] = []

            func run() async throws {
                try await ErrorPresenter.run {
                    let settings = try RunSettings.resolve(global.overrides(selectors: selectors))
                    let (health, warnings) = try await ListsTestJob(settings: settings).run()
                    let view = HealthView(health: health, warnings: warnings)
                    print(global.json ? view.json : view.text)
                    return health.allSatisfy(\.isHealthy) ? .clean : .unknown
                }
            }
        }
    }
}
