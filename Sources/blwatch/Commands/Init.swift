import ArgumentParser
import BLWatchCore

extension BLWatchCommand {
    /// `blwatch init`: a starter configuration for this machine.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a starter blwatch.yaml with this machine's public addresses and the MTA's HELO name.",
            discussion: """
                The targets are the public IPv4 and IPv6 addresses of the network interfaces; the HELO \
                name comes from `postconf` (Postfix) or `exim -bP` (Exim) when one is on PATH. An \
                existing file is never overwritten. The file is created with mode 0640.
                """
        )

        @Argument(help: ArgumentHelp("Where to write the configuration.", valueName: "PATH"))
        var path: String = InitJob.defaultPath

        func run() async throws {
            try await ErrorPresenter.run {
                print(try await InitJob(path: path).run().text)
                return .clean
            }
        }
    }
}
