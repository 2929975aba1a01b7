import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch alert`: the alert channels.
    struct Alert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the alert channels (email, webhook) configured under alerts: in blwatch.yaml.",
            subcommands: [Test.self]
        )

        /// `blwatch alert test`.
        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send a test message through every configured channel and report each result.",
                discussion:
                    "Exit status: 0 when every channel accepted it, 74 when one did not, 78 when none is configured."
            )

            @OptionGroup var global: GlobalOptions

            func run() async throws {
                try await ErrorPresenter.run {
                    let settings = try RunSettings.resolve(global.overrides())
                    guard !settings.config.alerts.channels.isEmpty else {
                        throw ConfigError(
                            "no alert channel configured: add alerts.email or alerts.webhook to \(settings.configPath ?? "blwatch.yaml")"
                        )
                    }
                    let results = await AlertJob(settings: settings, store: try HistoryStore())
                        .test()
                    for result in results {
                        let outcome = result.error.map { "FAILED: \($0)" } ?? "sent"
                        print("\(result.channel.rawValue) to \(result.destination): \(outcome)")
                    }
                    return results.allSatisfy { $0.error == nil } ? .clean : .ioFailure
                }
            }
        }
    }
}
