import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// Saved Exim and Postfix logs, mutated, must never trap `MTALogScanner`, and every report must add
/// up; each input that ever trapped (`scripts/fuzz`, target mta-log) is frozen here as a named test.
///
/// `MTALogRobustnessTests` covers random bytes, gzip damage, megabyte lines, CRLF and syslog
/// wrapping; this suite starts from the real logs under `Fixtures/maillog` instead, so the mutations
/// land in timestamps, message ids, `<= <>` arrivals, `[n/m]` parts and refusal texts.
struct MTALogFuzzRegressionTests {
    static let logs = [
        "maillog/exim-empty-helo-bounces.log", "maillog/exim-old-ids.log", "maillog/postfix-blocklist.log",
        "maillog/postfix-non-fqdn.log",
    ]

    /// Header pieces and keywords the parsers act on, spliced into the logs.
    static let tokens: [[UInt8]] =
        [
            "2025-03-04 10:15:02 ", "2025-03-05T10:15:03+01:00 server1 ", "Mar  4 10:15:03 mail ",
            "postfix/smtp[1]: ", "postfix/qmgr[1]: ", "exim[1]: ", "[1/2] ", "[2/2] ", "1tpQ7a-0000000Ab3c-0Kq2 ",
            "1tpR1a-0005Xb-Aa ", "9C1F23A0B2: ", "[12345678901234567890/2] ", " <= <> ", " P=<> ", " F=<> ", "** ",
            "== ", "=> ",
            "SMTP error from remote mail server after ", "Remote host closed connection in response to ", "HELO ",
            " said: ", " refused to talk to me: ", "status=bounced (host ", "(in reply to RCPT TO command)",
            "sender non-delivery notification: ", "from=<>, ", "Helo command rejected: ", "501 5.5.4 Empty HELO",
            " listed at zen.spamhaus.org", " [203.0.113.25]", "\n", "\r\n", " ", "<", ">", "[", "]", ":", "\u{FFFD}",
        ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3]]

    @Test func mutatedLogsNeverTrapAndAddUp() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtafuzz")
        defer { directory.remove() }
        let originals = try Self.logs.map { Array(try Fixtures.text($0).utf8) }
        var mutator = SeededMutator(seed: 0x00A1_1DE5, tokens: Self.tokens)
        var withRejections = 0
        var problems: [String] = []
        let rounds = 500
        for round in 0..<rounds {
            var bytes = originals[mutator.below(originals.count)]
            for _ in 0...mutator.below(8) {
                mutator.mutate(&bytes)
            }
            let path = directory.file("mutated-\(round).log")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let report = try MTALogScanner().scan(paths: [path])
            if report.total.rejections > 0 {
                withRejections += 1
            }
            problems += Self.problems(in: report, bytes: bytes).map { "round \(round): \($0)" }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // Most mutations keep some refusal readable; some damage every one of them.
        #expect(withRejections > rounds / 4 && withRejections < rounds, "\(withRejections) of \(rounds)")
    }

    /// libFuzzer, mta-log target, minimized: `Mar 4 10:15:03 a exim: [` and a 20-digit number, as if
    /// an Exim syslog entry's `[n/m]` part marker. `HeaderCursor.splitPart` multiplied the number past
    /// `Int.max` and trapped; now so many digits are no marker, and the line is ordinary Exim text.
    @Test func eximSyslogPartNumberOverflow() throws {
        let bytes: [UInt8] = [
            0x4D, 0x61, 0x72, 0x20, 0x34, 0x20, 0x31, 0x30, 0x3A, 0x31, 0x35, 0x3A, 0x30, 0x33, 0x20, 0x61,
            0x20, 0x65, 0x78, 0x69, 0x6D, 0x3A, 0x20, 0x5B, 0x31, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35,
            0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35, 0x35,
        ]
        let report = try Self.scan(bytes)
        #expect(report.linesRead == 1)
        #expect(report.files.map(\.format) == ["exim"])
        #expect(report.files.first?.unrecognizedLines == 0)
        #expect(report.total.rejections == 0)
    }

    /// Scans `bytes` as one log file.
    static func scan(_ bytes: [UInt8]) throws -> MTALogReport {
        let directory = try TemporaryDirectory(prefix: "blwatch-mtafuzz")
        defer { directory.remove() }
        let path = directory.file("mail.log")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try MTALogScanner().scan(paths: [path])
    }

    /// What does not add up in a report on `bytes`: the line count, or tallies that disagree.
    static func problems(in report: MTALogReport, bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        // A gzip header (two mutated bytes) would be read as compressed data: no lines to compare.
        if !bytes.starts(with: [0x1F, 0x8B]) {
            let newlines = bytes.count(where: { $0 == 0x0A })
            let lines = newlines + (bytes.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
            if report.linesRead != lines {
                problems.append("read \(report.linesRead) lines of \(lines)")
            }
        }
        for tally in [report.total] + report.byCause + report.byRemote + report.byDay
        where tally.rejections != tally.bounces + tally.normal + tally.unknown {
            problems.append("tally \(tally.key) splits \(tally.rejections) rejections wrongly")
        }
        for (name, tallies) in [("cause", report.byCause), ("remote", report.byRemote), ("day", report.byDay)]
        where tallies.reduce(0, { $0 + $1.rejections }) != report.total.rejections {
            problems.append("by \(name) does not sum to the total \(report.total.rejections)")
        }
        return problems
    }
}
