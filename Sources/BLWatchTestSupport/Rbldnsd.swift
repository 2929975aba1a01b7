public import BLWatchCore
import DNSWire
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One zone rbldnsd serves: a dataset type and its file's lines.
public struct RbldnsdZone: Sendable {
    /// The zone name, such as `bl.test`.
    public var name: String
    /// `ip4set`, `ip4trie`, `ip6trie`, `dnset`, …
    public var dataset: String
    /// The dataset file's lines.
    public var lines: [String]

    /// Creates a zone.
    public init(_ name: String, _ dataset: String, _ lines: [String]) {
        self.name = name
        self.dataset = dataset
        self.lines = lines
    }
}

/// A real rbldnsd (Debian package) on 127.0.0.1 and a free port, serving fixture zones.
///
/// rbldnsd cannot report a port the OS chose, so the server picks a random port, retries when the
/// bind fails, and polls with a real query until it answers. Stopped by PID.
public final class RbldnsdServer: Sendable {
    /// Where to send queries.
    public let address: ServerAddress
    private let process: Mutex<Process>
    private let directory: TemporaryDirectory

    private init(address: ServerAddress, process: Process, directory: TemporaryDirectory) {
        self.address = address
        self.process = Mutex(process)
        self.directory = directory
    }

    /// Starts rbldnsd with `zones`.
    public static func start(_ zones: [RbldnsdZone]) async throws -> RbldnsdServer {
        let directory = try TemporaryDirectory(prefix: "rbldnsd")
        try write(zones, to: directory)
        for _ in 0..<20 {
            let port = Int.random(in: 20_000...60_000)
            let address = try ServerAddress(parsing: "127.0.0.1:\(port)")
            if let process = try await launch(zones, port: port, directory: directory) {
                return RbldnsdServer(address: address, process: process, directory: directory)
            }
        }
        directory.remove()
        throw TestSupportError("rbldnsd did not start on any of 20 random ports")
    }

    /// Replaces the zones' data: rbldnsd is restarted on the same port and polled until it answers.
    ///
    /// A restart, not SIGHUP: rbldnsd reloads only files whose mtime changed, and reports the reload
    /// only in block-buffered output, so a HUP cannot be confirmed reliably.
    public func update(_ zones: [RbldnsdZone]) async throws {
        try Self.write(zones, to: directory)
        Self.terminate(process.withLock { $0 }, port: address.port)
        for _ in 0..<50 {
            if let next = try await Self.launch(zones, port: address.port, directory: directory) {
                process.withLock { $0 = next }
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSupportError("rbldnsd did not restart on port \(address.port)")
    }

    /// Stops the server (SIGTERM, by PID) and removes its files.
    public func stop() {
        Self.terminate(process.withLock { $0 }, port: address.port)
        directory.remove()
    }

    /// Pauses the server (SIGSTOP): it keeps its port but answers nothing, like a dead resolver.
    public func pause() { kill(process.withLock { $0.processIdentifier }, SIGSTOP) }

    /// Resumes a paused server.
    public func resume() { kill(process.withLock { $0.processIdentifier }, SIGCONT) }

    private static func launch(_ zones: [RbldnsdZone], port: Int, directory: TemporaryDirectory) async throws
        -> Process?
    {
        guard let binary = Tool.path(of: "rbldnsd") else {
            throw TestSupportError("rbldnsd is not installed (apt-get install rbldnsd)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        var arguments = ["-n", "-b", "127.0.0.1/\(port)", "-w", directory.path]
        if getuid() == 0 { arguments += ["-u", "nobody"] }
        arguments += zones.enumerated().map { index, zone in "\(zone.name):\(zone.dataset):zone\(index).txt" }
        process.arguments = arguments
        let log = FileHandle(forWritingAtPath: try directory.write("rbldnsd.log", ""))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        if await waitUntilAnswering(try ServerAddress(parsing: "127.0.0.1:\(port)"), process: process) {
            return process
        }
        terminate(process, port: port)
        return nil
    }

    /// SIGKILL, then wake rbldnsd until it is gone. Not SIGTERM: children of the test runner inherit
    /// its blocked signals, SIGTERM included, so rbldnsd never saw it and every stop or `update`
    /// waited out the two-second fallback.
    private static func terminate(_ process: Process, port: Int) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<200 where process.isRunning {
            poke(port: port)
            usleep(10_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Sends one datagram to 127.0.0.1:`port`.
    private static func poke(port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(port).bigEndian)
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        let query = Message.query(id: 0, name: .root, type: .a).encoded()
        _ = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, query, query.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    private static func write(_ zones: [RbldnsdZone], to directory: TemporaryDirectory) throws {
        for (index, zone) in zones.enumerated() {
            try directory.write("zone\(index).txt", zone.lines.joined(separator: "\n") + "\n")
        }
    }

    private static func waitUntilAnswering(_ address: ServerAddress, process: Process) async -> Bool {
        guard
            let resolver = try? await StubResolver.open(
                servers: [address],
                options: .init(timeout: .milliseconds(100), rounds: 1, socketsPerFamily: 1)
            )
        else { return false }
        for _ in 0..<50 where process.isRunning {
            let lookup = await resolver.lookup(try! DomainName("blwatch-readiness.invalid"), .a)
            if case .response = lookup.outcome {
                await resolver.close()
                return true
            }
        }
        await resolver.close()
        return false
    }
}

/// Runs `body` with rbldnsd serving `zones`, and always stops it afterwards.
public func withRbldnsd<T>(_ zones: [RbldnsdZone], _ body: (RbldnsdServer) async throws -> T) async throws -> T {
    let server = try await RbldnsdServer.start(zones)
    defer { server.stop() }
    return try await body(server)
}

/// A failure of the test harness itself (a tool missing, a server that would not start).
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
