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
    private let process: Process
    private let directory: TemporaryDirectory
    private let generation = Mutex(0)

    private init(address: ServerAddress, process: Process, directory: TemporaryDirectory) {
        self.address = address
        self.process = process
        self.directory = directory
    }

    /// Starts rbldnsd with `zones`.
    public static func start(_ zones: [RbldnsdZone]) async throws -> RbldnsdServer {
        let directory = try TemporaryDirectory(prefix: "rbldnsd")
        try write(zones, to: directory, generation: 0)
        guard let binary = Tool.path(of: "rbldnsd") else { throw TestSupportError("rbldnsd is not installed (apt-get install rbldnsd)") }
        for _ in 0..<20 {
            let port = Int.random(in: 20_000...60_000)
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
            let address = try ServerAddress(parsing: "127.0.0.1:\(port)")
            if await waitUntilAnswering(address, process: process) {
                return RbldnsdServer(address: address, process: process, directory: directory)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        directory.remove()
        throw TestSupportError("rbldnsd did not start on any of 20 random ports")
    }

    /// Replaces the zones' data and makes rbldnsd reload it (SIGHUP), waiting until it has.
    public func update(_ zones: [RbldnsdZone]) async throws {
        let next = generation.withLock { value in
            value += 1
            return value
        }
        try Self.write(zones, to: directory, generation: next)
        let before = reloadCount()
        kill(process.processIdentifier, SIGHUP)
        for _ in 0..<100 where reloadCount() <= before {
            poke()
            try await Task.sleep(for: .milliseconds(20))
        }
        guard reloadCount() > before else { throw TestSupportError("rbldnsd did not reload its zones") }
    }

    /// Stops the server (SIGTERM, by PID) and removes its files.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGCONT)
            process.terminate()
            var waited = 0
            while process.isRunning && waited < 200 {
                poke()
                usleep(10_000)
                waited += 1
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        directory.remove()
    }

    /// Sends one datagram to the server. rbldnsd acts on SIGTERM and SIGHUP only when its select()
    /// returns, so a signal alone can leave it waiting until the next query arrives.
    private func poke() {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = in_port_t(UInt16(address.port).bigEndian)
        target.sin_addr.s_addr = inet_addr("127.0.0.1")
        let query = Message.query(id: 0, name: .root, type: .a).encoded()
        _ = withUnsafePointer(to: &target) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, query, query.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// Pauses the server (SIGSTOP): it keeps its port but answers nothing, like a dead resolver.
    public func pause() { kill(process.processIdentifier, SIGSTOP) }

    /// Resumes a paused server.
    public func resume() { kill(process.processIdentifier, SIGCONT) }

    private func reloadCount() -> Int {
        let text = (try? String(contentsOfFile: directory.file("rbldnsd.log"), encoding: .utf8)) ?? ""
        return text.components(separatedBy: "zones reloaded").count - 1
    }

    private static func write(_ zones: [RbldnsdZone], to directory: TemporaryDirectory, generation: Int) throws {
        for (index, zone) in zones.enumerated() {
            let path = try directory.write("zone\(index).txt", zone.lines.joined(separator: "\n") + "\n")
            // rbldnsd reloads a file only when its mtime changed; rewrites within one second must still count.
            let stamp = Date().addingTimeInterval(TimeInterval(generation * 2))
            try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
        }
    }

    private static func waitUntilAnswering(_ address: ServerAddress, process: Process) async -> Bool {
        guard let resolver = try? await StubResolver.open(servers: [address], options: .init(timeout: .milliseconds(100), rounds: 1, socketsPerFamily: 1)) else { return false }
        defer { Task { await resolver.close() } }
        for _ in 0..<50 {
            guard process.isRunning else { return false }
            let lookup = await resolver.lookup(try! DomainName("blwatch-readiness.invalid"), .a)
            if case .response = lookup.outcome { return true }
        }
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
