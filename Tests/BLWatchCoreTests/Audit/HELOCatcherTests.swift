import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `HELOCatcher` against raw TCP clients: what it records, what it answers, and its limits.
struct HELOCatcherTests {
    /// Runs `body` with a catcher on 127.0.0.1 and a port of the system's choosing, always stopping it.
    func withCatcher(
        _ configure: (inout HELOCatcher.Options) -> Void = { _ in },
        _ body: (HELOCatcher, HELOCaptureLog) async throws -> Void
    ) async throws {
        var options = HELOCatcher.Options(hostname: "catcher.test")
        // A whole suite on 2 cores can stall a test for tens of seconds: only the tests about the
        // time limit set a short one.
        options.connectionTimeLimit = .seconds(300)
        configure(&options)
        let log = HELOCaptureLog()
        let catcher = try await HELOCatcher.start(host: "127.0.0.1", port: 0, options: options, onCapture: log.record)
        do {
            try await body(catcher, log)
        } catch {
            await catcher.stop()
            throw error
        }
        await catcher.stop()
    }

    @Test func emptyEHLOIsRecordedAsEmptyAndAnswered250() async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                #expect(try await client.readLine() == "220 catcher.test ESMTP blwatch helo-catch")
                // Exim sends "EHLO " with a trailing space when helo_data expands to "".
                #expect(try await client.command("EHLO ")?.hasPrefix("250 ") == true)
                #expect(try await client.command("MAIL FROM:<>") == "250 2.1.0 ok")
                #expect(
                    try await client.command("RCPT TO:<postmaster@remote.test>")
                        == "550 5.7.0 blwatch helo-catch records greetings only; no mail is accepted"
                )
                #expect(try await client.command("QUIT")?.hasPrefix("221 ") == true)
                #expect(try await client.readUntilClosed() == [])
            }
            let captures = await log.wait(for: 1)
            #expect(captures.count == 1)
            #expect(captures.first?.command == "EHLO")
            #expect(captures.first?.argument == "")
            #expect(captures.first?.mailFrom == "<>")
            #expect(captures.first?.isBounce == true)
            #expect(captures.first?.peer == "127.0.0.1")
        }
    }

    @Test(arguments: [
        ("EHLO", "EHLO", ""), ("EHLO   ", "EHLO", ""), ("HELO", "HELO", ""),
        ("helo mail.example.com", "HELO", "mail.example.com"),
        ("EHLO mail.example.com  ", "EHLO", "mail.example.com"), ("EHLO [192.0.2.1]", "EHLO", "[192.0.2.1]"),
    ])
    func greetingIsRecordedExactly(line: String, command: String, argument: String) async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                #expect(try await client.command(line)?.hasPrefix("250 ") == true)
                #expect(try await client.command("MAIL FROM:<alice@sender.test> SIZE=100") == "250 2.1.0 ok")
                _ = try await client.command("QUIT")
            }
            let captures = await log.wait(for: 1)
            #expect(captures.map(\.command) == [command])
            #expect(captures.map(\.argument) == [argument])
            #expect(captures.first?.mailFrom == "<alice@sender.test>")
            #expect(captures.first?.isBounce == false)
        }
    }

    @Test func greetingWithoutMailIsRecordedWhenTheConnectionEnds() async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                _ = try await client.command("EHLO probe.test")
                _ = try await client.command("QUIT")
            }
            let captures = await log.wait(for: 1)
            #expect(captures.map(\.argument) == ["probe.test"])
            #expect(captures.first?.mailFrom == nil)
        }
    }

    @Test func overlongLineIsAnswered500AndClosed() async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                try await client.sendRaw(Array(("EHLO " + String(repeating: "a", count: 2000) + "\r\n").utf8))
                let rest = try await client.readUntilClosed()
                #expect(rest.count == 1)
                #expect(rest.first?.hasPrefix("500 ") == true)
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test func silentClientIsClosedAtTheTimeLimit() async throws {
        try await withCatcher {
            $0.connectionTimeLimit = .milliseconds(500)
        } _: { catcher, log in
            // The client never says a word: whenever it gets to read, the server has given up on it.
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                let lines = try await client.readUntilClosed()
                #expect(lines.first?.hasPrefix("220 ") == true)
                #expect(lines.last?.hasPrefix("421 ") == true)
                #expect(lines.count == 2)
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test func connectionOverTheLimitGets421() async throws {
        try await withCatcher {
            $0.maxConnections = 1
        } _: { catcher, _ in
            try await SMTPLineClient.session(port: catcher.port) { first async throws in
                #expect(try await first.readLine()?.hasPrefix("220 ") == true)
                try await SMTPLineClient.session(port: catcher.port) { second async throws in
                    let lines = try await second.readUntilClosed()
                    #expect(lines.count == 1)
                    #expect(lines.first?.hasPrefix("421 ") == true)
                }
                // The first one is still served.
                #expect(try await first.command("NOOP") == "250 2.0.0 ok")
            }
        }
    }

    @Test func tooManyCommandsEndTheSession() async throws {
        try await withCatcher {
            $0.maxCommands = 3
        } _: { catcher, _ in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                for _ in 0..<3 { #expect(try await client.command("NOOP") == "250 2.0.0 ok") }
                #expect(try await client.command("NOOP")?.hasPrefix("421 ") == true)
                #expect(try await client.readUntilClosed() == [])
            }
        }
    }

    @Test func dataIsRefusedAndNoBodyIsKept() async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                _ = try await client.command("EHLO sender.test")
                _ = try await client.command("MAIL FROM:<alice@sender.test>")
                #expect(try await client.command("RCPT TO:<bob@remote.test>")?.hasPrefix("550 5.7.0 ") == true)
                #expect(try await client.command("DATA")?.hasPrefix("503 ") == true)
                // A client that sends its body anyway gets each line refused as a command.
                #expect(try await client.command("Subject: secret-body-text")?.hasPrefix("502 ") == true)
                #expect(try await client.command(".")?.hasPrefix("502 ") == true)
                _ = try await client.command("QUIT")
            }
            let captures = await log.wait(for: 1)
            let stored = String(decoding: try JSONEncoder().encode(captures), as: UTF8.self)
            #expect(captures.count == 1)
            #expect(!stored.contains("secret"))
        }
    }

    @Test func stopLetsASessionFinish() async throws {
        let log = HELOCaptureLog()
        let catcher = try await HELOCatcher.start(
            host: "127.0.0.1",
            port: 0,
            options: HELOCatcher.Options(hostname: "catcher.test"),
            onCapture: log.record
        )
        try await SMTPLineClient.session(port: catcher.port) { client async throws in
            _ = try await client.readLine()
            _ = try await client.command("EHLO open.test")
            _ = try await client.command("MAIL FROM:<>")
            // Stopped at the capture, as `--count` does: the sender still gets its 550 and 221. A long
            // grace: a test task starved on a busy machine may take many seconds to send them.
            let stopping = Task { await catcher.stop(grace: .seconds(120)) }
            #expect(try await client.command("RCPT TO:<a@remote.test>")?.hasPrefix("550 ") == true)
            #expect(try await client.command("QUIT")?.hasPrefix("221 ") == true)
            await stopping.value
        }
        #expect(log.all.count == 1)
    }

    @Test func stopEndsOpenConnections() async throws {
        let log = HELOCaptureLog()
        let catcher = try await HELOCatcher.start(
            host: "127.0.0.1",
            port: 0,
            options: HELOCatcher.Options(hostname: "catcher.test"),
            onCapture: log.record
        )
        try await SMTPLineClient.session(port: catcher.port) { client async throws in
            _ = try await client.readLine()
            _ = try await client.command("EHLO open.test")
            await catcher.stop(grace: .milliseconds(200))
            #expect(try await client.readUntilClosed() == [])
        }
        #expect(await log.wait(for: 1).map(\.argument) == ["open.test"])
    }

    @Test func mailBeforeGreetingIsRefused() async throws {
        try await withCatcher { catcher, log in
            try await SMTPLineClient.session(port: catcher.port) { client async throws in
                _ = try await client.readLine()
                #expect(try await client.command("MAIL FROM:<>")?.hasPrefix("503 ") == true)
                #expect(try await client.command("RCPT TO:<a@b.test>")?.hasPrefix("503 ") == true)
                _ = try await client.command("QUIT")
            }
            #expect(log.all.isEmpty)
        }
    }

    @Test(arguments: [
        ("127.0.0.1:2525", "127.0.0.1", 2525), ("[::1]:25", "::1", 25), ("0.0.0.0:0", "0.0.0.0", 0),
    ])
    func listenAddressParses(text: String, host: String, port: Int) throws {
        let address = try HELOCatcher.listenAddress(text)
        #expect(address.host == host && address.port == port)
    }

    @Test(arguments: ["2525", "localhost:2525", "127.0.0.1:99999", ":25", "127.0.0.1:x"])
    func listenAddressRejects(text: String) {
        let error = #expect(throws: HELOCatchError.self) { try HELOCatcher.listenAddress(text) }
        #expect(error?.code == .address)
    }

    @Test func captureLineShowsBounces() {
        let capture = HELOCapture(
            capturedAt: Date(timeIntervalSince1970: 1_795_975_262),
            peer: "127.0.0.1",
            command: "EHLO",
            argument: "",
            mailFrom: "<>"
        )
        #expect(capture.line == "2026-11-29 18:01:02Z 127.0.0.1 EHLO \"\" MAIL FROM:<> (bounce)")
    }
}
