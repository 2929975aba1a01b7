import BLWatchCore
import BLWatchTestSupport
import Testing

/// `blwatch helo-catch` itself, run as the built binary (needs the command registered in BLWatchCommand).
struct HELOCatchCommandTests {
    @Test func printsOneLinePerCaptureAndStopsAtCount() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (port, command) = try await HELOCatchRun.start { port in
            try await CommandRun.blwatch(
                [
                    "helo-catch", "--listen", "127.0.0.1:\(port)", "--count", "1", "--duration", "60",
                    "--db", directory.file("history.sqlite"), "--hostname", "catcher.test",
                ],
                timeout: .seconds(90)
            )
        }
        try await SMTPLineClient.session(port: port) { client async throws in
            _ = try await client.readLine()
            _ = try await client.command("EHLO ")
            _ = try await client.command("MAIL FROM:<>")
            // The capture is complete at MAIL FROM and --count 1 then stops the catcher, which lets the
            // session finish for a few seconds; a test process starved of CPU may come back later.
            _ = try? await client.command("RCPT TO:<postmaster@remote.test>")
            _ = try? await client.command("QUIT")
        }
        let run = try await command.value
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix(" 127.0.0.1 EHLO \"\" MAIL FROM:<> (bounce)") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("critical heloEmpty: ") }, "\(run.stdout)")
        #expect(run.stderr.contains("listening on 127.0.0.1:\(port)"))
    }
}
