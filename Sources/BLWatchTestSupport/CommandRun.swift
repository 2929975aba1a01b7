import Foundation

/// The outcome of running the built `blwatch` binary.
public struct CommandRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to stdout.
    public var stdout: String
    /// Everything written to stderr.
    public var stderr: String

    /// Runs the `blwatch` binary that `swift build` put next to the test bundle.
    /// - Parameters:
    ///   - arguments: the command line after `blwatch`.
    ///   - environment: extra environment variables (BLWATCH_CONFIG etc. are cleared first).
    ///   - timeout: when to kill it.
    public static func blwatch(
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binaryPath())
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS"] { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        process.environment = env
        let directory = try TemporaryDirectory(prefix: "blwatch-run")
        defer { directory.remove() }
        let out = FileHandle(forWritingAtPath: try directory.write("stdout", ""))
        let err = FileHandle(forWritingAtPath: try directory.write("stderr", ""))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
        try out?.close()
        try err?.close()
        return CommandRun(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: directory.file("stdout"), encoding: .utf8),
            stderr: try String(contentsOfFile: directory.file("stderr"), encoding: .utf8)
        )
    }

    /// `$BLWATCH_BINARY`, else `blwatch` in the build directory that holds the running test bundle.
    public static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["BLWATCH_BINARY"] { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("blwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("blwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError("cannot find the built blwatch binary (set BLWATCH_BINARY)")
    }
}
