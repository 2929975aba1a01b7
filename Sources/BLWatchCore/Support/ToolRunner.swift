import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a local tool by argv (no shell) with a deadline, and returns what it printed.
///
/// The tool is looked up only in the directories of the `PATH` it is given, so tests can put fake
/// tools first, or leave them out, without touching the machine.
struct ToolRunner: Sendable {
    /// What a tool printed and how it ended.
    struct Output: Sendable {
        var status: Int32
        var stdout: String
    }

    private let searchPath: [String]
    private let timeout: Duration

    /// - Parameters:
    ///   - path: the value of `PATH`.
    ///   - timeout: how long a tool may run before it is terminated.
    init(path: String, timeout: Duration) {
        searchPath = path.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        self.timeout = timeout
    }

    /// The full path of `name` on the search path, if it is an executable file there.
    func locate(_ name: String) -> String? {
        searchPath.map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments`; `nil` when it cannot be started or outlives the timeout.
    func run(_ executable: String, _ arguments: [String]) async -> Output? {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("blwatch-tool-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: output, contents: nil),
            let handle = FileHandle(forWritingAtPath: output)
        else { return nil }
        defer { try? FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A file, not a pipe: a chatty tool cannot fill a pipe buffer and hang until the deadline.
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? handle.close()
            return nil
        }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let timedOut = process.isRunning
        if timedOut {
            // SIGKILL: a tool started with SIGTERM blocked (inherited mask) would outlive a terminate().
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? handle.close()
        guard !timedOut, let data = FileManager.default.contents(atPath: output) else { return nil }
        return Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self))
    }
}
