import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch config`: the operator configuration.
    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the configuration.",
            subcommands: [Check.self],
            defaultSubcommand: Check.self
        )

        /// `blwatch config check`.
        struct Check: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate blwatch.yaml and lists.json, and print the settings a scan would use.",
                discussion: "Secrets such as the DQS key are shown only as set or not set. Exit status 0 when valid."
            )

            @OptionGroup var global: GlobalOptions

            func run() async throws {
                try await ErrorPresenter.run {
                    let view = try EffectiveConfigView(settings: try RunSettings.resolve(global.overrides()))
                    print(global.json ? view.json : view.text)
                    return .clean
                }
            }
        }
    }
}
