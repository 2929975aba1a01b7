import ArgumentParser
import BLWatchCore

/// The `blwatch` command: DNSBL reputation monitoring for mail servers.
@main
struct BLWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blwatch",
        abstract: "Watch mail server IPs and domains on DNSBLs, and say why they are listed.",
        discussion: "Exit statuses:\n"
            + ExitStatus.allCases.map { "  \($0.rawValue)\t\($0.summary)" }.joined(separator: "\n"),
        version: BLWatchVersion.current,
        subcommands: [
            Scan.self, Check.self, Status.self, History.self, Reason.self, Alert.self, Feed.self, Lists.self,
            Diagnose.self, Audit.self, HELOCatch.self, Config.self, Init.self,
        ]
    )
}
