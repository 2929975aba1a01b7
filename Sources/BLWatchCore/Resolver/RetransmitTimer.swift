import NIOConcurrencyHelpers

/// How long to wait for one server before the first retransmission, learnt from its answers
/// (Jacobson/Karels, as TCP's RTO in RFC 6298): smoothed RTT plus four times its variation.
///
/// A UDP query can be lost (a full socket buffer at the server is enough); waiting the full timeout
/// for it would stall a scan, while a retransmit after a few round trips costs nothing.
final class RetransmitTimer: Sendable {
    private struct State {
        var smoothed: Double?
        var variation: Double = 0
    }

    private let state = NIOLockedValueBox(State())
    private let floor: Double
    private let ceiling: Double

    /// - Parameters:
    ///   - floor: the shortest wait, in seconds.
    ///   - ceiling: the longest wait (the configured timeout), in seconds.
    init(floor: Double = 0.01, ceiling: Double) {
        self.floor = min(floor, ceiling)
        self.ceiling = ceiling
    }

    /// The wait before retransmitting, in seconds; a second until the first answer is seen.
    var timeout: Double {
        state.withLockedValue { state in
            guard let smoothed = state.smoothed else { return min(1, ceiling) }
            return min(ceiling, max(floor, smoothed + 4 * state.variation))
        }
    }

    /// Feeds one measured round trip, in seconds.
    func record(_ sample: Double) {
        state.withLockedValue { state in
            guard let smoothed = state.smoothed else {
                state.smoothed = sample
                state.variation = sample / 2
                return
            }
            state.variation = 0.75 * state.variation + 0.25 * abs(smoothed - sample)
            state.smoothed = 0.875 * smoothed + 0.125 * sample
        }
    }
}
