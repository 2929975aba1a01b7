import BLWatchTestSupport
import Foundation

/// One `blwatch scan` of a crash trial: started in the background, watched, and SIGKILLed when its
/// trigger fires, from outside, as an OOM killer or a power cut of the process would.
///
/// The phases are told apart by what the scan leaves on disk and on the wire: the database's WAL
/// gets its first frames when the store opens (queries follow), grows again only when the run is
/// recorded, and the SMTP sink sees a connection only when alerts go out.
struct CrashScan {
    /// When to kill.
    enum Trigger: Sendable {
        /// Let it finish.
        case never
        /// This long after the store opened: during the queries.
        case afterStoreOpened(Duration)
        /// This long after the history write began to reach the WAL.
        case afterWriteBegan(Duration)
        /// This long after the scan connected to the SMTP sink.
        case afterSinkContacted(Duration)
    }

    /// What was seen up to the kill (or the exit).
    struct Outcome {
        var killed = false
        /// The history write had reached the WAL when the kill came.
        var writeBegan = false
        /// The scan had connected to the SMTP sink when the kill came.
        var sinkContacted = false
        var status: Int32 = 0
        var stdout = ""
        var stderr = ""
    }

    let arguments: [String]
    let database: String
    let sink: CrashSink
    /// Run under strace with every pwrite64 delayed by 1 ms: a slow disk, so that a kill can land
    /// inside the commit rather than before or after it.
    var slowDisk = false

    func run(killing trigger: Trigger) async throws -> Outcome {
        let output = try TemporaryDirectory(prefix: "blwatch-crash-run")
        defer { output.remove() }
        let process = Process()
        var command = [try CommandRun.binaryPath()] + arguments
        if slowDisk, let strace = Tool.path(of: "strace") {
            // -f: SQLite writes from GRDB's threads; seccomp-bpf: only pwrite64 stops, DNS runs at full speed.
            command =
                [
                    strace, "-f", "-qq", "--seccomp-bpf", "-o", "/dev/null", "-e", "trace=pwrite64",
                    "-e", "inject=pwrite64:delay_enter=1000",
                ] + command
        }
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        for key in ["BLWATCH_CONFIG", "BLWATCH_LISTS"] { environment.removeValue(forKey: key) }
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: try output.write("stdout", ""))
        process.standardError = FileHandle(forWritingAtPath: try output.write("stderr", ""))
        process.standardInput = FileHandle.nullDevice
        let connections = sink.connections()
        try process.run()
        var outcome = Outcome()
        var watch = WALWatch(path: database + "-wal")
        var firedAt: ContinuousClock.Instant?
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning, ContinuousClock.now < deadline {
            watch.sample()
            let contacted = sink.connections() > connections
            if firedAt == nil {
                switch trigger {
                case .never: break
                case .afterStoreOpened(let delay): firedAt = watch.openedAt.map { $0 + delay }
                case .afterWriteBegan(let delay): firedAt = watch.grewAt.map { $0 + delay }
                case .afterSinkContacted(let delay): firedAt = contacted ? .now + delay : nil
                }
            }
            if let firedAt, ContinuousClock.now >= firedAt {
                outcome.writeBegan = watch.grewAt != nil
                outcome.sinkContacted = contacted
                outcome.killed = Self.kill(process, traced: slowDisk)
                break
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        if process.isRunning, !outcome.killed { _ = Self.kill(process, traced: slowDisk) }
        process.waitUntilExit()
        outcome.status = process.terminationStatus
        outcome.stdout = (try? String(contentsOfFile: output.file("stdout"), encoding: .utf8)) ?? ""
        outcome.stderr = (try? String(contentsOfFile: output.file("stderr"), encoding: .utf8)) ?? ""
        return outcome
    }

    /// SIGKILLs blwatch (strace's child when traced); false when it had already exited.
    private static func kill(_ process: Process, traced: Bool) -> Bool {
        var pid = process.processIdentifier
        if traced {
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            guard let child = children.split(separator: " ").first.flatMap({ Int32($0) }) else { return false }
            pid = child
        }
        return Glibc.kill(pid, SIGKILL) == 0
    }
}

/// Follows the size of a WAL file: when it first got frames (the store opened), and when it grew
/// again after resting (a write after the queries).
private struct WALWatch {
    let path: String
    private(set) var openedAt: ContinuousClock.Instant?
    private(set) var grewAt: ContinuousClock.Instant?
    private var size = 0
    private var changedAt = ContinuousClock.now
    private var rest: Int?

    init(path: String) { self.path = path }

    mutating func sample() {
        let now = ContinuousClock.now
        let current = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        if current != size {
            size = current
            changedAt = now
            if openedAt == nil, current > 0 { openedAt = now }
            if let rest, grewAt == nil, current > rest { grewAt = now }
        } else if rest == nil, size > 0, now - changedAt >= .milliseconds(50) {
            // The open's frames are written; the next growth is the run being recorded.
            rest = size
        }
    }
}
