import BLWatchTestSupport
import Foundation

/// An SMTP server for the crash trials whose behaviour can change between scans without a restart:
/// `up` accepts mail, `down` answers every connection with 421, `slow` waits before its greeting so
/// that a scan can be killed while it is delivering.
///
/// Python standard library only (no aiosmtpd): one process serves the whole suite. It stores each
/// accepted message as `mail/<n>.eml` before it answers 250, as a real server commits a message
/// before it acknowledges it, and logs every connection to `connections`.
final class CrashSink: Sendable {
    /// What the server does with the next connections.
    enum Mode: Sendable, Hashable {
        case up
        case down
        case slow(Duration)

        var line: String {
            switch self {
            case .up: "up"
            case .down: "down"
            case .slow(let delay):
                "slow \(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)"
            }
        }
    }

    let port: Int
    private let process: Process
    private let directory: TemporaryDirectory

    var url: String { "smtp://127.0.0.1:\(port)" }

    private init(port: Int, process: Process, directory: TemporaryDirectory) {
        self.port = port
        self.process = process
        self.directory = directory
    }

    /// Starts the server on a port of its own choosing (it writes the port to a file).
    static func start() async throws -> CrashSink {
        let directory = try TemporaryDirectory(prefix: "blwatch-crash-sink")
        let process = Process()
        // Debian's interpreter when present: a pyenv shim earlier on the PATH starts slowly.
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
        process.executableURL = URL(fileURLWithPath: Tool.path(of: python) ?? python)
        process.arguments = [try directory.write("sink.py", script), directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: try directory.write("stderr.log", ""))
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: directory.file("port"), encoding: .utf8),
                text.hasSuffix("\n"), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return CrashSink(port: port, process: process, directory: directory)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let log = (try? String(contentsOfFile: directory.file("stderr.log"), encoding: .utf8)) ?? ""
        stop(process)
        directory.remove()
        throw TestSupportError("the crash-trial SMTP sink did not start: \(log)")
    }

    /// Sets what the next connections get.
    func set(_ mode: Mode) throws { try directory.write("mode", mode.line + "\n") }

    /// How many connections it has accepted so far.
    func connections() -> Int {
        ((try? String(contentsOfFile: directory.file("connections"), encoding: .utf8)) ?? "").count { $0 == "\n" }
    }

    /// The Message-ID of every stored message, in arrival order (repeats are duplicates).
    func messageIDs() throws -> [String] {
        let folder = directory.file("mail")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".eml") }
            .sorted { Int($0.dropLast(4)) ?? 0 < Int($1.dropLast(4)) ?? 0 }
        return try names.map { name in
            let raw = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            return ReceivedMail(raw).headers["message-id"] ?? ""
        }
    }

    /// Stops the server and removes its files.
    func stop() {
        Self.stop(process)
        directory.remove()
    }

    private static func stop(_ process: Process) {
        if process.isRunning { process.terminate() }
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The server. Argument: its directory.
    static let script = #"""
        import asyncio, os, signal, sys

        # The test runner blocks SIGTERM and children inherit that.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        DIR = sys.argv[1]
        os.makedirs(os.path.join(DIR, "mail"), exist_ok=True)
        count = 0


        def mode():
            try:
                with open(os.path.join(DIR, "mode")) as f:
                    return f.read().split() or ["up"]
            except OSError:
                return ["up"]


        async def handle(reader, writer):
            global count
            with open(os.path.join(DIR, "connections"), "a") as log:
                log.write("connect\n")
            current = mode()
            try:
                if current[0] == "down":
                    writer.write(b"421 4.3.2 sink.test service not available\r\n")
                    await writer.drain()
                    return
                if current[0] == "slow":
                    await asyncio.sleep(float(current[1]))
                writer.write(b"220 sink.test ESMTP\r\n")
                while True:
                    line = await reader.readline()
                    if not line:
                        return
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        writer.write(b"250 sink.test\r\n")
                    elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                        writer.write(b"250 OK\r\n")
                    elif verb == b"DATA":
                        writer.write(b"354 end with .\r\n")
                        await writer.drain()
                        lines = []
                        while True:
                            data = await reader.readline()
                            if not data:
                                return
                            if data in (b".\r\n", b".\n"):
                                break
                            lines.append(data[1:] if data.startswith(b"..") else data)
                        count += 1
                        path = os.path.join(DIR, "mail", f"{count}.eml")
                        with open(path + ".tmp", "wb") as message:
                            message.write(b"".join(lines))
                        os.rename(path + ".tmp", path)
                        writer.write(b"250 OK queued\r\n")
                    elif verb == b"QUIT":
                        writer.write(b"221 bye\r\n")
                        await writer.drain()
                        return
                    else:
                        writer.write(b"502 not implemented\r\n")
                    await writer.drain()
            except (ConnectionError, asyncio.IncompleteReadError):
                pass
            finally:
                writer.close()


        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            with open(os.path.join(DIR, "port.tmp"), "w") as f:
                f.write(f"{port}\n")
            os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
            await server.serve_forever()


        asyncio.run(main())
        """#
}
