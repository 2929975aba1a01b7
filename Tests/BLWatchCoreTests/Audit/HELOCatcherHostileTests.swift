import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `helo-catch` against peers that attack it rather than mail through it: a client that drips a
/// line one byte at a time to hold its connection, and a greeting full of terminal control
/// sequences. (`HELOCatcherTests` covers line length, the connection cap, silence and DATA.)
struct HELOCatcherHostileTests {
    /// `HELOCatcherTests`' catcher, with a per-connection time limit.
    private func withCatcher(
        timeLimit: Duration = .seconds(300),
        _ body: (HELOCatcher, HELOCaptureLog) async throws -> Void
    ) async throws {
        try await HELOCatcherTests().withCatcher({ $0.connectionTimeLimit = timeLimit }, body)
    }

    @Test func aClientDrippingBytesIsCutAtTheTimeLimit() async throws {
        try await withCatcher(timeLimit: .seconds(1)) { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                #expect(try await client.readLine()?.hasPrefix("220 ") == true)
                // Thirty bytes, 100 ms apart, and never a line end: activity, but no command. Only
                // the per-connection limit (not an idle timer) ends this. A send that fails means the
                // catcher has closed the connection already (on a loaded machine, maybe before the first).
                do {
                    try await client.sendRaw(Array("EHLO ".utf8))
                    for _ in 0..<30 {
                        try await Task.sleep(for: .milliseconds(100))
                        try await client.sendRaw([UInt8(ascii: "a")])
                    }
                } catch {}
                let lines = try await client.readUntilClosed()
                #expect(lines.count == 1 && lines.first?.hasPrefix("421 4.4.2 ") == true, "\(lines)")
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test func controlSequencesInAGreetingAreKeptButNeverPrinted() async throws {
        let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}mail\u{9B}31m.example"
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                #expect(try await client.command("EHLO \(hostile)")?.hasPrefix("250") == true)
                #expect(try await client.command("MAIL FROM:<a\u{1B}[5m@x.test>")?.hasPrefix("250") == true)
                _ = try await client.command("QUIT")
            }
            let capture = try #require(await log.wait(for: 1).first)
            // Stored as received: the evidence is exact...
            #expect(capture.argument == hostile)
            // ...and the line printed for the operator escapes every control character.
            let controls = capture.line.unicodeScalars.filter { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            #expect(controls.isEmpty, "\(capture.line.unicodeScalars.map(\.value))")
            #expect(capture.line.contains(#"EHLO "\x1B[2J\x1B]0;owned\x07mail\x9B31m.example""#), "\(capture.line)")
            #expect(capture.line.contains(#"MAIL FROM:<a\x1B[5m@x.test>"#), "\(capture.line)")
        }
    }
}
