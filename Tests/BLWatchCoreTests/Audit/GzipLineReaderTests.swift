import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// `GzipLineReader`: line splitting, the length cap, gzip members, missing files.
struct GzipLineReaderTests {
    private func lines(of text: String, cap: Int = 65_536) throws -> ([String], GzipLineReader.Summary) {
        let directory = try TemporaryDirectory(prefix: "blwatch-gzip")
        defer { directory.remove() }
        let path = try directory.write("file", text)
        var lines: [String] = []
        let summary = try GzipLineReader(path: path, maxLineLength: cap).forEachLine { lines.append($0) }
        return (lines, summary)
    }

    @Test(arguments: [
        ("a\nb\n", ["a", "b"]),
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("\n\n", ["", ""]),
        ("", []),
    ])
    func splitsLines(text: String, expected: [String]) throws {
        let (lines, summary) = try lines(of: text)
        #expect(lines == expected)
        #expect(summary.lines == expected.count)
        #expect(summary.compressed == false)
        #expect(summary.problem == nil)
    }

    @Test func skipsLinesOverTheCap() throws {
        let (lines, summary) = try lines(of: "short\n\(String(repeating: "y", count: 11))\nabcdefghij\r\nend", cap: 10)
        #expect(lines == ["short", "abcdefghij", "end"])
        #expect(summary.skippedLongLines == 1)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-gzip")
        defer { directory.remove() }
        let path = directory.file("bin")
        try Data([0x61, 0xff, 0x00, 0x62, 0x0a]).write(to: URL(fileURLWithPath: path))
        var lines: [String] = []
        try GzipLineReader(path: path).forEachLine { lines.append($0) }
        #expect(lines == ["a\u{FFFD}\u{0}b"])
    }

    @Test func readsConcatenatedGzipMembers() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-gzip")
        defer { directory.remove() }
        let one = try directory.write("one", "first\nsecond\n")
        let two = try directory.write("two", "third\n")
        let gz = directory.file("both.gz")
        let run = try await CommandRun.run(
            "/bin/sh",
            ["-c", "gzip -c \"$0\" > \"$2\" && gzip -c \"$1\" >> \"$2\"", one, two, gz]
        )
        #expect(run.status == 0)
        var lines: [String] = []
        let summary = try GzipLineReader(path: gz).forEachLine { lines.append($0) }
        #expect(lines == ["first", "second", "third"])
        #expect(summary.compressed)
        #expect(summary.problem == nil)
    }

    @Test func aMissingFileThrows() {
        let error = #expect(throws: GzipLineReader.OpenError.self) {
            try GzipLineReader(path: "/nonexistent/file").forEachLine { _ in }
        }
        #expect(error?.reason == "No such file or directory")
    }
}
