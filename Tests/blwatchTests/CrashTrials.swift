import BLWatchTestSupport
import Foundation

/// The kill -9 trials: a large scan, alerts configured to an SMTP sink that is down or slow, SIGKILLed
/// at seeded random points of each phase in turn; after every kill the history is checked as the
/// kill left it, then a complete scan runs against the unchanged truth and everything is checked
/// again: integrity, episodes, summaries, the feed, and every alert raised and delivered once.
struct CrashTrials {
    /// Where a trial aims its kill.
    enum Phase: String, CaseIterable, Sendable {
        case queries
        case historyWrite = "history write"
        case alertSending = "alert sending"
    }

    /// What the trials did and found.
    struct Tally: CustomStringConvertible {
        var trials = 0
        /// Kills per aimed phase.
        var kills: [Phase: Int] = [:]
        /// Trials whose scan finished before its trigger fired.
        var missed = 0
        /// Where the kills landed, judged from what they left behind.
        var landed: [String: Int] = [:]
        /// Mails delivered a second time (same Message-ID) because a kill fell between the server's
        /// 250 and the outbox update.
        var duplicateMails = 0
        /// Temporary feed files a killed feed write left behind.
        var strayFeedFiles = 0
        /// Every broken check, with its trial.
        var violations: [String] = []
        var seconds = 0.0

        var description: String {
            let kills = Phase.allCases.map { "\($0.rawValue) \(self.kills[$0, default: 0])" }.joined(separator: ", ")
            let landed = self.landed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(trials) trials in \(Int(seconds)) s; kills aimed at: \(kills); missed \(missed); "
                + "landed: \(landed); duplicate mails \(duplicateMails); stray feed temp files \(strayFeedFiles); "
                + "violations \(violations.count)"
        }
    }

    let trials: Int
    let prefix: Int
    let seed: UInt64

    func run() async throws -> Tally {
        var random = SeededRandom(seed: seed)
        var truth = CrashTruth(prefix: prefix, random: &random)
        let sink = try await CrashSink.start()
        defer { sink.stop() }
        let started = ContinuousClock.now
        return try await withRbldnsd(truth.zones) { dns in
            let bench = try CrashBench(sink: sink, dns: dns, range: truth.range)
            defer { bench.directory.remove() }
            var tally = Tally()
            var queryTime = try await bench.completeScan(truth: truth, trial: -1, tally: &tally)
            for trial in 0..<trials {
                truth.churn(&random)
                try await dns.update(truth.zones)
                let phase = Phase.allCases[trial % Phase.allCases.count]
                try await kill(trial, phase, bench: bench, queryTime: queryTime, random: &random, tally: &tally)
                queryTime = try await bench.completeScan(truth: truth, trial: trial, tally: &tally)
                tally.trials += 1
            }
            tally.strayFeedFiles = bench.strayFeedFiles()
            tally.seconds = Double((ContinuousClock.now - started).components.seconds)
            return tally
        }
    }

    /// Runs one scan and kills it in `phase`, then checks what it left.
    private func kill(
        _ trial: Int,
        _ phase: Phase,
        bench: CrashBench,
        queryTime: Duration,
        random: inout SeededRandom,
        tally: inout Tally
    ) async throws {
        let before = try HistoryInspector.snapshot(bench.database)
        let trigger: CrashScan.Trigger
        switch phase {
        case .queries:
            try bench.sink.set(.down)
            trigger = .afterStoreOpened(queryTime * Double.random(in: 0..<1, using: &random))
        case .historyWrite:
            try bench.sink.set(.down)
            trigger = .afterWriteBegan(.microseconds(Int.random(in: 0..<40_000, using: &random)))
        case .alertSending:
            try bench.sink.set(.slow(.milliseconds(400)))
            trigger = .afterSinkContacted(.milliseconds(Int.random(in: 0..<500, using: &random)))
        }
        var scan = bench.scan()
        scan.slowDisk = phase == .historyWrite
        let outcome = try await scan.run(killing: trigger)
        guard outcome.killed else {
            tally.missed += 1
            return
        }
        tally.kills[phase, default: 0] += 1
        let after = try HistoryInspector.snapshot(bench.database)
        let committed = after.runs.count > before.runs.count
        let landed =
            outcome.sinkContacted
            ? "delivering" : committed ? "after commit" : outcome.writeBegan ? "inside the commit" : "before the write"
        tally.landed[landed, default: 0] += 1
        for problem in HistoryInspector.violations(after) + bench.feedProblems() {
            tally.violations.append("trial \(trial) (\(phase.rawValue), \(landed)), after the kill: \(problem)")
        }
    }
}
