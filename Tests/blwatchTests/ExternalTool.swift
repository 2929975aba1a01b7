import BLWatchTestSupport
import Foundation

/// Running `make`, `systemd-analyze` and `groff` from the end-to-end tests.
struct ExternalTool {
    /// What the tool printed and how it ended.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The source checkout (this file is Tests/blwatchTests/ExternalTool.swift).
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Runs `name` (a path, or a name found on PATH or in the sbin directories) in the checkout, with no
    /// blwatch or make variables from the test's own environment.
    static func run(
        _ name: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdinFile: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Run {
        guard let executable = name.contains("/") ? name : Tool.path(of: name) else {
            throw TestSupportError("\(name) is not installed")
        }
        let directory = try TemporaryDirectory(prefix: "blwatch-tool")
        defer { directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: checkout)
        var env = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS", "DESTDIR", "PREFIX", "MAKEFLAGS", "MFLAGS"] {
            env.removeValue(forKey: key)
        }
        env.merge(environment) { $1 }
        process.environment = env
        let out = FileHandle(forWritingAtPath: try directory.write("stdout", ""))
        let err = FileHandle(forWritingAtPath: try directory.write("stderr", ""))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdinFile.flatMap(FileHandle.init(forReadingAtPath:)) ?? FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try out?.close()
        try err?.close()
        return Run(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: directory.file("stdout"), encoding: .utf8),
            stderr: try String(contentsOfFile: directory.file("stderr"), encoding: .utf8)
        )
    }
}
