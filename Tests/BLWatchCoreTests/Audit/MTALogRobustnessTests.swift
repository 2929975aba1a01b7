import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `MTALogScanner` on hostile or unusual input: gzip (whole, concatenated, truncated), garbage,
/// 1 MB lines, CRLF, syslog-wrapped Exim, postlogd's zero-padded days.
struct MTALogRobustnessTests {
    static let incident = "maillog/exim-empty-helo-bounces.log"

    /// gzip-compresses `path` into `directory` with the gzip CLI, returning the new path.
    private func gzip(_ path: String, into directory: TemporaryDirectory, as name: String) async throws -> String {
        let target = directory.file(name)
        let run = try await CommandRun.run("/bin/sh", ["-c", "gzip -c -9 \"$0\" > \"$1\"", path, target])
        #expect(run.status == 0, "\(run.stderr)")
        return target
    }

    @Test func gzipGivesTheSameCountsAsPlain() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        let gz = try await gzip(Fixtures.path(Self.incident), into: directory, as: "mainlog.1.gz")
        let plain = try MTALogScanner().scan(paths: [Fixtures.path(Self.incident)])
        let compressed = try MTALogScanner().scan(paths: [gz])
        #expect(compressed.files.first?.compressed == true)
        #expect(compressed.byCause == plain.byCause)
        #expect(compressed.byRemote == plain.byRemote)
        #expect(compressed.linesRead == plain.linesRead)
        #expect(compressed.warnings.isEmpty)
    }

    @Test func aTruncatedGzipIsAWarningAndKeepsItsLines() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        var generator = SeededBytes(seed: 42)
        let filler = (0..<3000).map { index in
            let token = generator.bytes(count: 12).map { String($0, radix: 16) }.joined()
            return
                "2025-03-05 02:00:00 1tpS\(index % 10)a-0000000Ab1a-1Aa1 => x\(token)@example.net R=dnslookup T=remote_smtp"
        }
        let text = try Fixtures.text(Self.incident) + filler.joined(separator: "\n") + "\n"
        let big = try directory.write("mainlog", text)
        let gz = try await gzip(big, into: directory, as: "mainlog.2.gz")
        let data = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = directory.file("mainlog.3.gz")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let report = try MTALogScanner().scan(paths: [cut])
        #expect(report.warnings.count == 1)
        #expect(report.warnings.first?.hasPrefix("\(cut): gzip data ends early (truncated file)") == true)
        #expect(report.linesRead > 31 && report.linesRead < 3031, "\(report.linesRead)")
        #expect(report.tally(.emptyHELO).rejections == 3)
    }

    @Test func garbageNeverTraps() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        var generator = SeededBytes(seed: 0x5eed)
        var paths: [String] = []
        for index in 0..<20 {
            var bytes = generator.bytes(count: 20_000)
            if index == 0 { bytes.replaceSubrange(0..<2, with: [0x1f, 0x8b]) }  // looks like gzip, is not
            let path = directory.file("garbage-\(index).log")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let report = try MTALogScanner().scan(paths: paths)
        #expect(report.total.rejections == 0)
        #expect(report.files.count == 20)
        #expect(report.warnings.contains { $0.hasPrefix("\(paths[0]): gzip data is corrupt") })
    }

    @Test func aOneMegabyteLineIsSkippedAndCounted() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        let lines = try Fixtures.text(Self.incident).split(separator: "\n", omittingEmptySubsequences: false)
        let huge = "2025-03-04 10:15:02 " + String(repeating: "x", count: 1_048_576)
        let text = (lines.prefix(8) + [Substring(huge)] + lines.dropFirst(8)).joined(separator: "\n")
        let path = try directory.write("mainlog", text)
        let report = try MTALogScanner().scan(paths: [path])
        #expect(report.skippedLongLines == 1)
        #expect(report.warnings == ["\(path): skipped 1 lines longer than 64 KiB"])
        #expect(report.tally(.emptyHELO).rejections == 3)
        #expect(report.tally(.emptyHELO).bounces == 3)
    }

    @Test func crlfLinesGiveTheSameCounts() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        for file in [Self.incident, "maillog/postfix-non-fqdn.log"] {
            let text = try Fixtures.text(file).replacingOccurrences(of: "\n", with: "\r\n")
            let path = try directory.write("crlf.log", text)
            let crlf = try MTALogScanner().scan(paths: [path])
            let plain = try MTALogScanner().scan(paths: [Fixtures.path(file)])
            #expect(crlf.byCause == plain.byCause)
            #expect(crlf.findings.map(\.evidence) == plain.findings.map(\.evidence))
        }
    }

    @Test func eximThroughSyslogIsRead() throws {
        let text = """
            Mar  4 10:15:02 mail exim[14901]: 1tpQ7a-0000000Ab3c-0Kq2 <= <> R=1tpQ6z-0000000Ab2x-1XyZ U=Debian-exim P=local S=3120
            Mar  4 10:15:03 mail exim[14902]: [1/2] 1tpQ7a-0000000Ab3c-0Kq2 H=gmail-smtp-in.l.google.com [142.250.102.27]: Remote host closed connection in response to HELO  (EHLO response was: 501-5.5.4 Empty HELO/EHLO
            Mar  4 10:15:03 mail exim[14902]: [2/2]  argument not allowed, closing connection.
            Mar  4 10:15:03 mail exim[14902]: 1tpQ7a-0000000Ab3c-0Kq2 == bob@gmail.com R=dnslookup T=remote_smtp defer (-18) H=gmail-smtp-in.l.google.com [142.250.102.27]: Remote host closed connection in response to HELO  (EHLO response was: 501-5.5.4 Empty HELO/EHLO argument not allowed)
            Mar  4 10:15:04 mail dovecot: imap-login: Login: user=<alice>, method=PLAIN, rip=192.0.2.9
            """
        let report = try scan(text)
        #expect(report.files.map(\.format) == ["exim"])
        #expect(report.tally(.emptyHELO).rejections == 1)
        #expect(report.tally(.emptyHELO).bounces == 1)
        #expect(report.files.first?.unrecognizedLines == 1)
    }

    @Test func postlogdAndRFC3339TimestampsAreRead() throws {
        let text = """
            Mar 04 10:15:01 server1 postfix/qmgr[1020]: A4B7F3A0C1: from=<>, size=3210, nrcpt=1 (queue active)
            Mar 04 10:15:03 server1 postfix/smtp[21877]: A4B7F3A0C1: host mx.example.net[203.0.113.25] refused to talk to me: 501 Syntax: EHLO hostname
            2025-03-05T10:15:03+01:00 server1 postfix-out/smtp[21878]: B5C8A4B1D2: to=<x@example.net>, relay=mx.example.net[203.0.113.25]:25, delay=1, delays=0/0/1/0, dsn=5.0.0, status=bounced (host mx.example.net[203.0.113.25] said: 550 5.7.1 <server1>: Helo command rejected: go away (in reply to RCPT TO command))
            2025-03-05T10:15:04Z server1 postfix/smtp[21878]: C6D9B5C2E3: to=<y@example.com>, relay=mx.example.com[198.51.100.10]:25, delay=1, delays=0/0/1/0, dsn=5.0.0, status=bounced (host mx.example.com[198.51.100.10] said: 501 5.5.2 <bad_name>: Helo command rejected: Invalid name (in reply to RCPT TO command))
            """
        let report = try scan(text)
        #expect(report.files.map(\.format) == ["postfix"])
        #expect(report.tally(.emptyHELO).bounces == 1)
        #expect(report.tally(.heloRejected).rejections == 1)
        #expect(report.tally(.heloRejected).unknown == 1)
        #expect(report.tally(.heloSyntax).rejections == 1)
        #expect(report.byDay.map(\.key) == ["--03-04", "2025-03-05"])
        #expect(report.findings.first?.kind == "remoteRejectedEmptyHELO")
        #expect(report.findings.first?.fix.hasPrefix("messages leave with an empty HELO: set smtp_helo_name") == true)
    }

    @Test func anEmptyFileIsFine() throws {
        let report = try scan("")
        #expect(report.linesRead == 0)
        #expect(report.findings.isEmpty)
        #expect(report.warnings.isEmpty)
    }

    private func scan(_ text: String) throws -> MTALogReport {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtalog")
        defer { directory.remove() }
        return try MTALogScanner().scan(paths: [try directory.write("mail.log", text)])
    }
}

/// SplitMix64 bytes, so the garbage is the same on every run.
private struct SeededBytes {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let byte = UInt8(truncatingIfNeeded: z ^ (z >> 31))
            return byte == 0x0a && z % 4 != 0 ? 0x20 : byte  // fewer newlines, so some lines are long
        }
    }
}
