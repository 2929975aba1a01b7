import BLWatchTestSupport
import Foundation

/// Running `make`, `systemd-analyze`, `promtool`, `groff` and Python from the end-to-end tests.
enum ExternalTool {
    /// What the tool printed and how it ended.
    typealias Run = CommandRun

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
        var env = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS", "DESTDIR", "PREFIX", "MAKEFLAGS", "MFLAGS"] {
            env.removeValue(forKey: key)
        }
        env.merge(environment) { $1 }
        return try await CommandRun.run(
            executable,
            arguments,
            environment: env,
            directory: checkout,
            stdinFile: stdinFile,
            timeout: timeout
        )
    }
}
