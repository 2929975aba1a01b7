import ArgumentParser
import BLWatchCore
import Foundation

extension BLWatchCommand {
    /// `blwatch audit`: what the MTA's own logs and configuration say about its HELO and listings.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit the MTA's logs and configuration for HELO problems and blocklist rejections.",
            subcommands: [Logs.self, Config.self]
        )

        /// `blwatch audit logs FILE...`.
        struct Logs: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Count remote rejections of our HELO and blocklist rejections in Exim or Postfix logs.",
                discussion: """
                    Reads Exim mainlogs and Postfix mail logs (plain or .gz, the format recognised per \
                    line) and counts the rejections by cause, remote host and day, telling bounces (null \
                    sender) from normal mail, then prints findings with evidence and a fix.

                    Exit status: 0 when no finding is critical, 1 when one is (such as remote servers \
                    refusing an empty HELO), 74 when no file could be read.
                    """
            )

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("Log files, e.g. /var/log/exim4/mainlog*.", valueName: "FILE"))
            var files: [String]

            func run() async throws {
                try await ErrorPresenter.run {
                    let report = try MTALogScanner().scan(paths: files)
                    print(global.json ? ReportDocuments.json(report) : report.text)
                    if global.json {
                        for warning in report.warnings { ErrorPresenter.printError("blwatch: warning: \(warning)") }
                    }
                    Audit.store(report.findings, source: .logs, files: files, global: global)
                    return report.hasCritical ? .listed : .clean
                }
            }
        }

        /// `blwatch audit config FILE...`.
        struct Config: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Lint Exim or Postfix configuration files for HELO settings that receivers refuse.",
                discussion: """
                    Accepts Exim configuration files (Debian's split conf.d and exim4.conf.localmacros \
                    too), the output of `exim -bP transport remote_smtp`, main.cf, master.cf, and the \
                    output of `postconf smtp_helo_name myhostname`; the content decides which rules apply. \
                    Postfix parameters are pooled across the files, so give main.cf with master.cf.

                    Exit status: 0 when no finding is critical, 1 when one is (such as a helo_data built \
                    from the sender address), 74 when no file could be read.
                    """
            )

            @OptionGroup var global: GlobalOptions

            @Argument(help: ArgumentHelp("Configuration files or saved command output.", valueName: "FILE"))
            var files: [String]

            func run() async throws {
                try await ErrorPresenter.run {
                    let findings = try MTAConfigLint().lint(paths: files)
                    Audit.store(findings, source: .config, files: files, global: global)
                    if global.json {
                        print(ReportDocuments.json(findings))
                    } else if findings.isEmpty {
                        print("No HELO problem found in \(files.joined(separator: ", ")).")
                    } else {
                        print(findings.map(MTALogReport.findingText).joined(separator: "\n"))
                    }
                    return findings.contains { $0.severity == .critical } ? .listed : .clean
                }
            }
        }

        /// Keeps the findings in the history, with their time, so `blwatch diagnose` can tie a later
        /// listing to them; the files read count as audited (findings of theirs not found again are
        /// resolved). A history that cannot be written is a warning: the report is printed anyway.
        static func store(
            _ findings: [AuditFinding],
            source: AuditFinding.Source,
            files: [String],
            global: GlobalOptions
        ) {
            do {
                let settings = try RunSettings.resolve(global.overrides())
                let store = try HistoryStore(path: settings.databasePath)
                let subjects = Set(files + findings.map(\.subject))
                try store.saveAudit(findings, source: source, subjects: subjects, at: Date())
            } catch {
                ErrorPresenter.printError("blwatch: warning: findings not stored in the history: \(error)")
            }
        }
    }
}
