import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch diagnose`: why the addresses are listed, and what to change.
    struct Diagnose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tie listings to their cause: audit findings, captured HELOs, MTA logs and config.",
            discussion: """
                Ranks the causes the history has evidence for (DNS audit of each scan, blwatch helo-catch, \
                blwatch audit logs and config) against the open listings and says what to change. \
                Exit status: 1 when a cause explains an open listing, else 0.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Only this address.", valueName: "TARGET"))
        var target: String?

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let store = try HistoryStore(path: settings.databasePath, create: false)
                let diagnosis = try AuditJob(settings: settings, store: store).diagnosis(target: target)
                print(global.json ? ReportDocuments.json(diagnosis) : diagnosis.text)
                return diagnosis.causes.contains { !$0.listings.isEmpty } ? .listed : .clean
            }
        }
    }
}
