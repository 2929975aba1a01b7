import BLWatchCurl
import Foundation

/// Asks the lists why episodes are listed: their lookup pages and the Spamhaus Web Query Service.
///
/// Polite and bounded: hosts are asked in parallel, but one host sees one request at a time, a
/// pause between two, and at most ``ReasonSettings/perHostPerRun`` of them; the whole step stops
/// at ``ReasonSettings/budget``. What is not asked in time waits for the next run (it has no row).
/// Nothing here throws or changes a verdict: a page that fails becomes "reason unavailable".
public struct ReasonCollector: Sendable {
    /// What one pass produced.
    public struct Outcome: Sendable {
        /// Rows to store.
        public var records: [ListingReasonRecord] = []
        /// Things the operator must act on (a rejected DQS key), each once.
        public var warnings: [String] = []
        /// Requests left for a later run (per-host limit, budget, a source that refused).
        public var deferred = 0
    }

    private let settings: ReasonSettings
    private let dqsKey: String?
    private let userAgent: String

    /// Creates a collector.
    /// - Parameters:
    ///   - settings: limits and timeouts (`reasons:` in blwatch.yaml).
    ///   - dqsKey: the Spamhaus DQS key, for WQS; never logged or stored.
    ///   - userAgent: sent with every request.
    public init(settings: ReasonSettings, dqsKey: String?, userAgent: String = BLWatchVersion.userAgent) {
        self.settings = settings
        self.dqsKey = dqsKey
        self.userAgent = userAgent
    }

    /// Asks every source of `requests`, host by host.
    /// - Parameter perHostLimit: requests per host at most; `nil` means the settings' limit.
    public func collect(_ requests: [ReasonRequest], perHostLimit: Int? = nil) async -> Outcome {
        let deadline = ContinuousClock.now + settings.budget
        let limit = perHostLimit ?? settings.perHostPerRun
        var byHost: [String: [ReasonRequest]] = [:]
        for request in requests { byHost[request.host, default: []].append(request) }
        return await withTaskGroup(of: Outcome.self) { group in
            for (_, queue) in byHost {
                group.addTask { await self.work(queue, limit: limit, deadline: deadline) }
            }
            var total = Outcome()
            for await outcome in group {
                total.records += outcome.records
                total.deferred += outcome.deferred
                for warning in outcome.warnings where !total.warnings.contains(warning) {
                    total.warnings.append(warning)
                }
            }
            return total
        }
    }

    /// One host's queue, in order.
    private func work(_ queue: [ReasonRequest], limit: Int, deadline: ContinuousClock.Instant) async -> Outcome {
        var outcome = Outcome()
        for (index, request) in queue.enumerated() {
            let left = deadline - ContinuousClock.now
            guard index < limit, left >= .seconds(1), !Task.isCancelled else {
                outcome.deferred += queue.count - index
                break
            }
            if index > 0 { try? await Task.sleep(for: min(settings.hostGap, left / 2)) }
            let timeout = min(settings.pageTimeout, deadline - ContinuousClock.now)
            let client = HTTPClient(options: options(timeout: timeout))
            switch request.source {
            case .page:
                let (record, timedOut) = await PageReasonFetcher(client: client).fetch(request)
                if timedOut && timeout < settings.pageTimeout {
                    // The budget cut it short, not the page: ask again next run.
                    outcome.deferred += queue.count - index
                    return outcome
                }
                outcome.records.append(record)
            case .wqs:
                guard let dqsKey else { continue }
                switch await SpamhausWQSQuery(client: client, key: dqsKey).ask(request) {
                case .record(let record):
                    outcome.records.append(record)
                case .retryLater(let warning):
                    outcome.warnings.append(warning)
                    outcome.deferred += 1
                case .refused(let warning):
                    // A rejected key or a rate limit holds for every later query of this run.
                    outcome.warnings.append(warning)
                    outcome.deferred += queue.count - index
                    return outcome
                }
            }
        }
        return outcome
    }

    private func options(timeout: Duration) -> HTTPClientOptions {
        HTTPClientOptions(
            connectTimeout: min(.seconds(5), timeout),
            totalTimeout: timeout,
            maxBodyBytes: settings.maxPageBytes,
            maxRedirects: 5,
            userAgent: userAgent
        )
    }
}
