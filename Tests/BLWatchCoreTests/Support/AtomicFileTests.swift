import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// The feed and the metrics file are replaced whole; a writer killed before its rename leaves a
/// temporary file that the next write clears.
struct AtomicFileTests {
    @Test func aWriteReplacesTheFileAndClearsADeadWritersTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/feed.json"
        // A pid that is certainly gone: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let orphan = directory.path + "/.feed.json.\(child.processIdentifier).tmp"
        let live = directory.path + "/.feed.json.1.tmp"  // pid 1 is alive: its file stays
        let unrelated = directory.path + "/.other.json.\(child.processIdentifier).tmp"
        for file in [orphan, live, unrelated] {
            #expect(FileManager.default.createFile(atPath: file, contents: Data("half".utf8)))
        }
        try AtomicFile.write("{\"new\": true}\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"new\": true}\n")
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }
}
