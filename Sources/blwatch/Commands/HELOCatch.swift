import ArgumentParser
import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

extension BLWatchCommand {
    /// `blwatch helo-catch`: record how an MTA greets, by being the server it delivers to.
    struct HELOCatch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "helo-catch",
            abstract: "Listen for SMTP and record each client's EHLO/HELO and MAIL FROM, accepting no mail.",
            discussion: """
                Route a test message and a bounce (MAIL FROM:<>) from your MTA to this listener, then \
                look: it prints one line per connection, stores it in the history database and, when \
                it stops (--duration, --count), prints what is wrong with the greetings. Recipients \
                are refused with 550, so the MTA gives up instead of retrying; no message body is \
                ever accepted.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(
            name: .long,
            help: ArgumentHelp("Address and port to listen on, such as 127.0.0.1:2525.", valueName: "ADDR:PORT")
        )
        var listen: String

        @Option(name: .long, help: ArgumentHelp("Connections served at once; more get 421 (1-1000).", valueName: "N"))
        var maxConnections = 16

        @Option(name: .long, help: ArgumentHelp("Stop after this many seconds.", valueName: "SECONDS"))
        var duration: Int?

        @Option(name: .long, help: ArgumentHelp("Stop after this many captured sessions.", valueName: "N"))
        var count: Int?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The FQDN the MTA should greet with (its PTR name), to flag other names.",
                valueName: "NAME"
            )
        )
        var expect: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Name in the 220 banner (default: this host's name).", valueName: "NAME")
        )
        var hostname: String?

        func validate() throws {
            if !(1...1000).contains(maxConnections) { throw ValidationError("--max-connections must be 1 to 1000") }
            if let duration, duration < 1 { throw ValidationError("--duration must be at least 1 second") }
            if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        }

        func run() async throws {
            try await ErrorPresenter.run {
                let settings = try RunSettings.resolve(global.overrides())
                let store = try HistoryStore(path: settings.databasePath)
                let address = try HELOCatcher.listenAddress(listen)
                var options = HELOCatcher.Options()
                if let hostname { options.hostname = hostname }
                options.maxConnections = maxConnections
                let (captures, sink) = AsyncStream.makeStream(of: HELOCapture.self)
                let catcher = try await HELOCatcher.start(host: address.host, port: address.port, options: options) {
                    sink.yield($0)
                }
                ErrorPresenter.printError("blwatch: helo-catch listening on \(address.host):\(catcher.port)")
                let timer = Task {
                    guard let duration else { return }
                    try? await Task.sleep(for: .seconds(duration))
                    sink.finish()
                }
                defer { timer.cancel() }
                var seen: [HELOCapture] = []
                do {
                    for await capture in captures {
                        print(capture.line)
                        fflush(nil)
                        seen.append(capture)
                        try store.saveHELOCapture(capture)
                        if let count, seen.count >= count { break }
                    }
                } catch {
                    await catcher.stop()
                    throw error
                }
                await catcher.stop()
                printFindings(HELOCatchFindings.findings(for: seen, expectedName: expect), captured: seen.count)
                return .clean
            }
        }

        /// The verdict on what was captured, after the capture lines.
        private func printFindings(_ findings: [AuditFinding], captured: Int) {
            guard captured > 0 else { return print("no sessions captured") }
            guard !findings.isEmpty else { return print("\(captured) session(s) captured; every greeting is fine") }
            for finding in findings {
                print("\(finding.severity.rawValue) \(finding.kind): \(finding.title)")
                for line in finding.evidence { print("  \(line)") }
                print("  fix: \(finding.fix)")
            }
        }
    }
}
