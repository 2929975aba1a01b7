import BLWatchCore
import BLWatchTestSupport
import Foundation

/// The crash trials' workspace: catalog, config with email alerts to the sink, database and feed on
/// disk, and the complete scan after each kill with every end-state check.
struct CrashBench {
    let directory: TemporaryDirectory
    let sink: CrashSink
    let dns: RbldnsdServer
    let range: String
    var database: String { directory.file("state/blwatch.sqlite") }
    var feed: String { directory.file("feed/feed.json") }

    init(sink: CrashSink, dns: RbldnsdServer, range: String) throws {
        directory = try TemporaryDirectory(prefix: "blwatch-crash")
        self.sink = sink
        self.dns = dns
        self.range = range
        try directory.write("lists.json", CrashTruth.catalog)
        try directory.write("blwatch.yaml", "timeout: 1\n" + emailAlerts(url: sink.url))
        try FileManager.default.createDirectory(atPath: directory.file("feed"), withIntermediateDirectories: true)
    }

    /// The scan every trial runs, killed or not.
    func scan() -> CrashScan {
        CrashScan(
            arguments: [
                "scan", "--config", directory.file("blwatch.yaml"), "--lists", directory.file("lists.json"), "--db",
                database, "--server", dns.address.description, "--ip", range, "--feed", feed,
            ],
            database: database,
            sink: sink
        )
    }

    /// Runs a scan to its end with the sink up, checks the history against `truth` and the alerts
    /// against the outbox, and returns how long its queries took.
    func completeScan(truth: CrashTruth, trial: Int, tally: inout CrashTrials.Tally) async throws -> Duration {
        try sink.set(.up)
        let run = try await scan().run(killing: .never)
        var problems: [String] = []
        if run.status != 1 { problems.append("exit \(run.status): \(run.stderr)") }
        let snapshot = try HistoryInspector.snapshot(database)
        problems += HistoryInspector.violations(snapshot) + feedProblems()
        let ledger = HistoryInspector.ledger(snapshot)
        problems += ledger.duplicateEvents.map { "event raised twice: \($0)" }
        problems += ledger.missingEvents.map { "event never raised: \($0)" }
        if ledger.pending > 0 { problems.append("\(ledger.pending) alerts still in the outbox") }
        var open: [String: String] = [:]
        for episode in snapshot.open { open["\(episode.subject)|\(episode.zoneId)"] = episode.codes }
        if open != truth.pairs {
            let missing = Set(truth.pairs.keys).subtracting(open.keys).count
            let extra = Set(open.keys).subtracting(truth.pairs.keys).count
            let wrong = truth.pairs.count { open[$0.key] != nil && open[$0.key] != $0.value }
            problems.append("open episodes differ from the truth: \(missing) missing, \(extra) extra, \(wrong) codes")
        }
        let mails = try sink.messageIDs().map(HistoryInspector.outboxID(messageID:))
        let sent = Set(snapshot.outbox.filter { $0.sentAt != nil }.compactMap(\.id))
        if let stray = mails.first(where: { $0.map { !sent.contains($0) } ?? true }) {
            problems.append("a mail for outbox row \(stray.map(String.init) ?? "?") that is not marked sent")
        }
        if let unsent = sent.first(where: { !mails.contains($0) }) {
            problems.append("outbox row \(unsent) is marked sent but no mail arrived")
        }
        tally.duplicateMails = mails.count - Set(mails).count
        tally.violations += problems.map { "trial \(trial), complete scan: \($0)" }
        return Self.queryTime(run.stdout) ?? .seconds(1)
    }

    /// The feed is absent or whole JSON; temporary files of killed writes are counted, not removed.
    func feedProblems() -> [String] {
        guard let data = FileManager.default.contents(atPath: feed) else { return [] }
        if (try? JSONSerialization.jsonObject(with: data)) == nil { return ["the feed is not valid JSON"] }
        return []
    }

    /// Temporary files left by feed writes that were killed.
    func strayFeedFiles() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.file("feed"))) ?? []).count {
            $0.hasSuffix(".tmp")
        }
    }

    /// `… 3072 queries in 0.412 s …` from the scan report.
    static func queryTime(_ report: String) -> Duration? {
        guard let range = report.range(of: #"queries in [0-9.]+ s"#, options: .regularExpression) else { return nil }
        let number = report[range].dropFirst("queries in ".count).dropLast(2)
        return Double(number).map { .milliseconds(Int($0 * 1000)) }
    }
}
