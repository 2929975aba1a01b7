import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// `ToolRunner` (the only place blwatch starts a program: `postconf`, `exim -bP`) passes arguments
/// as an argv array: shell syntax in an argument or a tool's path is data, never run.
struct ToolRunnerInjectionTests {
    /// Shell syntax that would create `marker` (relative: there is no `/` in a file name) if a shell saw it.
    static func hostile(_ marker: String) -> [String] {
        [
            "$(touch \(marker))", "`touch \(marker)`", "; touch \(marker)", "| touch \(marker)", "&& touch \(marker)",
            "\ntouch \(marker)", "'\"; touch \(marker); echo \"'", "${IFS}touch${IFS}\(marker)", "*",
        ]
    }

    /// A tool printing each argument on its own line, written into `directory` as `name`.
    private func echoTool(named name: String, in directory: TemporaryDirectory) throws -> String {
        let path = try directory.write(
            name,
            "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\"; done\n"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func argumentsReachTheToolVerbatim() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-argv")
        defer { directory.remove() }
        let marker = directory.file("pwned")
        let arguments = Self.hostile(marker)
        let runner = ToolRunner(path: directory.path, timeout: .seconds(60))
        _ = try echoTool(named: "postconf", in: directory)
        let tool = try #require(runner.locate("postconf"))
        let output = try #require(await runner.run(tool, arguments))
        #expect(output.status == 0)
        #expect(output.stdout == arguments.map { $0 + "\n" }.joined())
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func aToolPathWithShellSyntaxIsAPath() async throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-argv")
        defer { directory.remove() }
        // A file name cannot hold a `/`: a shell would create the marker in the working directory.
        let marker = "pwned-\(UUID().uuidString)"
        let name = "exim$(touch \(marker));`touch \(marker)`"
        _ = try echoTool(named: name, in: directory)
        let runner = ToolRunner(path: directory.path, timeout: .seconds(60))
        let tool = try #require(runner.locate(name))
        let output = try #require(await runner.run(tool, ["-bP", "primary_hostname"]))
        #expect(output.stdout == "-bP\nprimary_hostname\n")
        #expect(runner.locate("postconf; touch \(marker)") == nil)
        let workingDirectory = FileManager.default.currentDirectoryPath
        #expect(!FileManager.default.fileExists(atPath: "\(workingDirectory)/\(marker)"))
    }
}
