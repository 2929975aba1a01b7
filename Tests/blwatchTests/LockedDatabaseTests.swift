import BLWatchTestSupport
import Foundation
import Testing

/// The database held by someone else (issue 9): another program with a SQLite write transaction
/// open, and a second `blwatch scan` started while the first still runs. Each waits a bounded time
/// or not at all, and says who holds what.
@Suite(.enabled(if: Tool.required("rbldnsd")))
struct LockedDatabaseTests {
    @Test func aWriteLockHeldElsewhereAndAnOverlappingScanAreBothExplained() async throws {
        try await FullDiskTests.withBench(databaseOn: nil) { bench, _ in
            let scan = ["scan", "--ip", bench.range]
            #expect(try await bench.run(scan).status == 1)
            // An sqlite3 session left in `BEGIN EXCLUSIVE`, as an operator or a backup script might.
            let holder = try await SQLiteLockHolder.start(bench.database, in: bench.directory)
            defer { holder.stop() }

            let started = ContinuousClock.now
            async let blocked = bench.run(scan)
            // The first scan holds the run lock while it waits for SQLite: a second one gives up at once.
            try await Self.waitForRunLock(bench.database)
            let overlapping = try await bench.run(scan)
            #expect(overlapping.status == 75)
            #expect(
                overlapping.stderr == """
                    blwatch: \(bench.database) is locked by another blwatch scan
                    hint: another blwatch scan is still running on this database; this run did nothing

                    """
            )
            let first = try await blocked
            #expect(first.status == 75, "\(first.stdout)\(first.stderr)")
            #expect(ContinuousClock.now - started >= .seconds(4), "it gave up before SQLite's busy timeout")
            let lines = first.stderr.split(separator: "\n").map(String.init)
            #expect(
                lines.first
                    == "blwatch: \(bench.database): cannot open the history database: "
                    + "another process holds a write lock on it (waited 5 s)",
                "\(first.stderr)"
            )
            #expect(lines.last?.hasPrefix("hint: ") == true && lines.last?.contains("fuser \(bench.database)") == true)

            holder.stop()
            #expect(try HistoryInspector.snapshot(bench.database).runs.count == 1)
            #expect(try await bench.run(scan).status == 1)
        }
    }

    /// Polls /proc/locks until some process holds the flock(2) scan lock of `database` (taking the
    /// lock to find out would race the scan for it).
    static func waitForRunLock(_ database: String) async throws {
        var info = stat()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let locks = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
            if stat(database + ".lock", &info) == 0,
                locks.split(separator: "\n").contains(where: { line in
                    let fields = line.split(separator: " ")
                    return fields.count > 5 && fields[1] == "FLOCK" && fields[5].hasSuffix(":\(info.st_ino)")
                })
            {
                return
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestSupportError("no blwatch scan took the run lock of \(database)")
    }
}

/// A Python process with an exclusive SQLite transaction open on a database, until stopped.
struct SQLiteLockHolder {
    let process: Process

    /// Starts it and waits until it holds the lock.
    static func start(_ database: String, in directory: TemporaryDirectory) async throws -> SQLiteLockHolder {
        let ready = directory.file("locked")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            """
            import sqlite3, sys, time
            connection = sqlite3.connect(sys.argv[1], isolation_level=None)
            connection.execute("BEGIN EXCLUSIVE")
            open(sys.argv[2], "w").close()
            time.sleep(600)
            """,
            database, ready,
        ]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw TestSupportError("python3 did not take the SQLite lock on \(database)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return SQLiteLockHolder(process: process)
    }

    /// SIGKILLs it (the test runner's children inherit its blocked SIGTERM); safe to call twice.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
