import Foundation
import Synchronization

/// A Python script run as a child process that prints the port it listens on as its first stdout line.
///
/// The script is written into a `TemporaryDirectory` (as `name`) and its stderr goes to `stderr.log`
/// there. The test runner blocks SIGTERM and children inherit that, so every script must unblock it
/// (`signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})`); `stop()` falls back to SIGKILL.
final class PythonProcess: Sendable {
    /// The port the script reported.
    let port: Int
    private let process: Mutex<Process?>

    private init(port: Int, process: Process) {
        self.port = port
        self.process = Mutex(process)
    }

    /// Writes `script` to `directory/name`, runs it with `python`, and waits for the port line.
    /// - Parameters:
    ///   - python: the interpreter's full path.
    ///   - script: the program text.
    ///   - name: its file name, such as `server.py`.
    ///   - arguments: what follows the script path on the command line.
    ///   - directory: where the script and `stderr.log` go.
    ///   - label: what the server is, for the error message.
    /// - Returns: the running process.
    /// - Throws: `TestSupportError` with the script's stderr when it exits or stays silent for 10 s.
    static func start(
        python: String,
        script: String,
        name: String,
        arguments: [String],
        directory: TemporaryDirectory,
        label: String
    ) async throws -> PythonProcess {
        let output = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try directory.write(name, script)] + arguments
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: try directory.write("stderr.log", ""))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        do {
            let port = try await readPort(output.fileHandleForReading, directory: directory, label: label)
            return PythonProcess(port: port, process: process)
        } catch {
            terminate(process)
            throw error
        }
    }

    /// Stops the process (SIGTERM by PID, SIGKILL after two seconds) and reaps it; safe to call twice.
    func stop() {
        if let process = process.withLock({ $0.take() }) { Self.terminate(process) }
    }

    /// SIGTERM, then SIGKILL if it is still running after two seconds.
    static func terminate(_ process: Process) {
        if process.isRunning { process.terminate() }
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Reads the port line without blocking a thread: the pipe is made non-blocking and polled.
    private static func readPort(_ handle: FileHandle, directory: TemporaryDirectory, label: String) async throws -> Int
    {
        defer { try? handle.close() }
        let fd = handle.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        // Generous: on a loaded 2-core machine Python and its imports can take many seconds to start.
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let count = read(fd, &byte, 1)
            if count == 1, byte == UInt8(ascii: "\n"), let port = Int(String(decoding: line, as: UTF8.self)) {
                return port
            } else if count == 1 {
                line.append(byte)
            } else if count == 0 {
                break  // the script exited
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let log = (try? String(contentsOfFile: directory.file("stderr.log"), encoding: .utf8)) ?? ""
        throw TestSupportError("the \(label) did not report its port: \(log)")
    }
}
