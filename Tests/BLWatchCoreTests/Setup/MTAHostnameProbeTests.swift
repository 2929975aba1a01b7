import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// The HELO name as Postfix and Exim report it, through fake tools on a private PATH.
struct MTAHostnameProbeTests {
    @Test(arguments: [
        ("$myhostname\nmail.example.com\n", "mail.example.com", "postconf myhostname"),
        ("out.example.net\nmail.example.com\n", "out.example.net", "postconf smtp_helo_name"),
        ("${myhostname}\nmx.example.org\n", "mx.example.org", "postconf myhostname"),
    ])
    func postfix(output: String, name: String, source: String) {
        #expect(MTAHostnameProbe.postfixName(output) == .init(name: name, source: source))
    }

    @Test func postfixExpansionsAreNotNames() {
        #expect(MTAHostnameProbe.postfixName("$myhostname\n$mydomain\n") == nil)
        #expect(MTAHostnameProbe.postfixName("") == nil)
    }

    @Test func eximPrefersALiteralHELOData() {
        let primary = "primary_hostname = mx1.example.org\n"
        #expect(
            MTAHostnameProbe.eximName(primary: primary, transport: "remote_smtp:\n  helo_data = smtp.example.org\n")
                == .init(name: "smtp.example.org", source: "exim remote_smtp helo_data")
        )
        #expect(
            MTAHostnameProbe.eximName(
                primary: primary,
                transport: "helo_data = ${lookup{$sending_ip_address}lsearch{/etc/helo}}"
            )
                == .init(name: "mx1.example.org", source: "exim primary_hostname")
        )
        #expect(
            MTAHostnameProbe.eximName(primary: primary, transport: nil)
                == .init(name: "mx1.example.org", source: "exim primary_hostname")
        )
        #expect(MTAHostnameProbe.eximName(primary: "no such option\n", transport: nil) == nil)
    }

    @Test func noToolOnThePathIsNoNameAndNoNote() async throws {
        try await withTemporaryDirectory { directory in
            let result = await MTAHostnameProbe(environment: ["PATH": directory.path]).find()
            #expect(result.finding == nil && result.notes.isEmpty)
            let unset = await MTAHostnameProbe(environment: [:]).find()
            #expect(unset.finding == nil)
        }
    }

    @Test func aFakePostconfIsRunByArgv() async throws {
        try await withTemporaryDirectory { directory in
            let log = directory.file("argv")
            try Self.tool(
                "postconf",
                in: directory,
                "printf '%s|' \"$@\" > \(log)\nprintf '$myhostname\\nMail.Example.COM\\n'"
            )
            let result = await MTAHostnameProbe(environment: ["PATH": "/nonexistent:" + directory.path]).find()
            #expect(result.finding == .init(name: "mail.example.com", source: "postconf myhostname"))
            #expect(try String(contentsOfFile: log, encoding: .utf8) == "-h|smtp_helo_name|myhostname|")
        }
    }

    @Test func aHungToolIsCutOff() async throws {
        try await withTemporaryDirectory { directory in
            try Self.tool("exim", in: directory, "exec sleep 30")
            let started = ContinuousClock.now
            let result = await MTAHostnameProbe(environment: ["PATH": directory.path], timeout: .milliseconds(300))
                .find()
            // Not a timing test: only "long before the 30 s sleep ends", which a busy machine cannot blur.
            #expect(ContinuousClock.now - started < .seconds(25))
            #expect(result.finding == nil)
            #expect(result.notes == ["exim is installed but did not report a HELO name"])
        }
    }

    @Test func aShortNameIsNotUsed() async throws {
        try await withTemporaryDirectory { directory in
            try Self.tool("postconf", in: directory, "printf '$myhostname\\nlocalhost\\n'")
            let result = await MTAHostnameProbe(environment: ["PATH": directory.path]).find()
            #expect(result.finding == nil)
            #expect(result.notes == ["postconf myhostname is \"localhost\", not a fully qualified name: not used"])
        }
    }

    /// Writes an executable `/bin/sh` script.
    static func tool(_ name: String, in directory: TemporaryDirectory, _ body: String) throws {
        let path = try directory.write(name, "#!/bin/sh\n\(body)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }
}
