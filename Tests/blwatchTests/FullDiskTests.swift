import BLWatchCore
import BLWatchTestSupport
import Foundation
import Testing

/// A full file system under the database or the feed (issue 9): the command that cannot write
/// says so, naming the file, and exits 74; what was written before stays whole and readable.
@Suite(
    .enabled(if: Tool.required("rbldnsd")),
    .enabled(if: TmpfsMount.isUsable, "mounting a tmpfs needs root (CAP_SYS_ADMIN); CI runs as root")
)
struct FullDiskTests {
    /// A catalog, a database path and a feed path; `blwatch` runs against one rbldnsd.
    struct Bench {
        let directory: TemporaryDirectory
        let dns: RbldnsdServer
        let database: String
        let range: String

        func run(_ arguments: [String]) async throws -> CommandRun {
            try await CommandRun.blwatch(
                arguments + [
                    "--lists", directory.file("lists.json"), "--db", database, "--server", dns.address.description,
                    "--timeout", "1",
                ]
            )
        }
    }

    /// Runs `body` with a /22 on three zones served, a scan's history in a tmpfs of `bytes`.
    static func withBench(
        databaseOn mount: TmpfsMount?,
        _ body: (Bench, inout CrashTruth) async throws -> Void
    ) async throws {
        var random = SeededRandom(seed: 74)
        var truth = CrashTruth(prefix: 22, random: &random)
        let directory = try TemporaryDirectory(prefix: "blwatch-full")
        defer { directory.remove() }
        try directory.write("lists.json", CrashTruth.catalog)
        try await withRbldnsd(truth.zones) { dns in
            let database = mount?.file("blwatch.sqlite") ?? directory.file("state/blwatch.sqlite")
            try await body(Bench(directory: directory, dns: dns, database: database, range: truth.range), &truth)
        }
    }

    @Test func aScanOnAFullDiskFailsClearlyAndTheHistoryStaysReadable() async throws {
        let mount = try TmpfsMount.mount(bytes: 4 << 20)
        defer { mount.unmount() }
        try await Self.withBench(databaseOn: mount) { bench, truth in
            #expect(try await bench.run(["scan", "--ip", bench.range]).status == 1)
            let status = try await bench.run(["status", "--json"])
            let history = try await bench.run(["history", "--runs"])
            let episodes = try HistoryInspector.snapshot(bench.database).episodes

            // Many listings change, so recording the next run needs more room than is left.
            var random = SeededRandom(seed: 75)
            truth.churn(&random)
            try await bench.dns.update(truth.zones)
            try mount.fill(leaving: 64 << 10)
            let nearlyFull = try await bench.run(["scan", "--ip", bench.range])
            #expect(nearlyFull.status == 74, "\(nearlyFull.stdout)\(nearlyFull.stderr)")
            #expect(
                nearlyFull.stderr.hasPrefix(
                    "blwatch: \(bench.database): cannot record the scan: no space left on device"
                ),
                "\(nearlyFull.stderr)"
            )
            try mount.fill()
            let full = try await bench.run(["scan", "--ip", bench.range])
            #expect(full.status == 74)
            #expect(full.stderr.hasPrefix("blwatch: \(bench.database): "), "\(full.stderr)")
            #expect(full.stderr.contains("no space left on device"), "\(full.stderr)")
            #expect(full.stderr.contains("hint: free space on \(mount.path)"), "\(full.stderr)")

            // Still full: the history reads as before the failures.
            let statusWhileFull = try await bench.run(["status", "--json"])
            #expect(statusWhileFull.status == 1, "\(statusWhileFull.stderr)")
            #expect(statusWhileFull.stdout == status.stdout)
            let historyWhileFull = try await bench.run(["history", "--runs"])
            #expect(historyWhileFull.status == 0, "\(historyWhileFull.stderr)")
            #expect(historyWhileFull.stdout == history.stdout)

            mount.drain()
            let snapshot = try HistoryInspector.snapshot(bench.database)
            #expect(HistoryInspector.violations(snapshot) == [])
            #expect(snapshot.runs.count == 1 && snapshot.episodes == episodes)
            #expect(try await bench.run(["scan", "--ip", bench.range]).status == 1)
            #expect(try HistoryInspector.snapshot(bench.database).runs.count == 2)
        }
    }

    @Test func aFeedOnAFullDiskKeepsTheOldFileWhole() async throws {
        let mount = try TmpfsMount.mount(bytes: 1 << 20)
        defer { mount.unmount() }
        try await Self.withBench(databaseOn: nil) { bench, truth in
            let feed = mount.file("feed.json")
            #expect(try await bench.run(["scan", "--ip", bench.range, "--feed", feed]).status == 1)
            let before = try #require(FileManager.default.contents(atPath: feed))
            #expect(before.count > 10_000)

            var random = SeededRandom(seed: 76)
            truth.churn(&random)
            try await bench.dns.update(truth.zones)
            try mount.fill()
            let export = try await bench.run(["feed", "--out", feed])
            #expect(export.status == 74)
            #expect(
                export.stderr.hasPrefix("blwatch: \(feed): cannot write: no space left on device\n"),
                "\(export.stderr)"
            )
            // The scan is stored; only its feed is missing, which the report says.
            let scan = try await bench.run(["scan", "--ip", bench.range, "--feed", feed])
            #expect(scan.status == 1, "\(scan.stderr)")
            #expect(scan.stdout.contains("feed or metrics not written: \(feed): cannot write: no space left on device"))
            #expect(FileManager.default.contents(atPath: feed) == before)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: mount.path).sorted() == ["feed.json", "filler"]
            )

            mount.drain()
            #expect(try await bench.run(["feed", "--out", feed]).status == 0)
            let after = try #require(FileManager.default.contents(atPath: feed))
            #expect(after != before && (try? JSONSerialization.jsonObject(with: after)) != nil)
        }
    }
}
