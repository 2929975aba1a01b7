import ArgumentParser

/// The `blwatch` command: DNSBL reputation monitoring for mail servers.
@main
struct BLWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blwatch",
        abstract: "Watch mail server IPs and domains on DNSBLs, and say why they are listed.",
        discussion: """
            Exit statuses: 0 all clean, 1 something listed, 2 nothing listed but some verdicts unknown,
            64 usage error, 65 lists.json invalid, 70 internal error, 74 database or file I/O failure,
            75 another scan holds the lock, 78 configuration invalid.
            """,
        version: "0.1.0",
        subcommands: [Scan.self, Check.self, Status.self, History.self, Lists.self]
    )
}
