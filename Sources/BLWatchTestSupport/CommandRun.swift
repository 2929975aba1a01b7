import Foundation

/// The outcome of running a program from a test: the built `blwatch`, or a tool such as `make`,
/// `promtool` or `chromium`.
public struct CommandRun: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to stdout.
    public var stdout: String
    /// Everything written to stderr.
    public var stderr: String
    /// Whether it was killed at its deadline.
    public var timedOut = false

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
        var env = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS"] { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        return try await run(try binaryPath(), arguments, environment: env, timeout: timeout)
    }

    /// Runs `executable` by argv (no shell), its output going to files rather than pipes (a pipe
    /// nobody reads until exit would stall a chatty program), and SIGKILLs it at `timeout`: children
    /// of the test runner inherit its blocked SIGTERM.
    /// - Parameters:
    ///   - executable: the program's full path.
    ///   - arguments: its arguments.
    ///   - environment: its whole environment; `nil` inherits the test's.
    ///   - directory: its working directory; `nil` keeps the test's.
    ///   - stdinFile: a file to read standard input from; `nil` means /dev/null.
    ///   - timeout: when to kill it.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        stdinFile: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> CommandRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = try TemporaryDirectory(prefix: "blwatch-run")
        defer { output.remove() }
        let out = FileHandle(forWritingAtPath: try output.write("stdout", ""))
        let err = FileHandle(forWritingAtPath: try output.write("stderr", ""))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdinFile.flatMap(FileHandle.init(forReadingAtPath:)) ?? FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try out?.close()
        try err?.close()
        return CommandRun(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: output.file("stdout"), encoding: .utf8),
            stderr: (try? String(contentsOfFile: output.file("stderr"), encoding: .utf8)) ?? "",
            timedOut: timedOut
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
