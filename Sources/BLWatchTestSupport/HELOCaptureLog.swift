public import BLWatchCore
import Synchronization

/// Collects what a `HELOCatcher` records, for tests: pass ``record(_:)`` as its `onCapture`.
public final class HELOCaptureLog: Sendable {
    private let captures = Mutex<[HELOCapture]>([])

    /// An empty log.
    public init() {}

    /// Adds a capture (the catcher's `onCapture`).
    public func record(_ capture: HELOCapture) {
        captures.withLock { $0.append(capture) }
    }

    /// Everything recorded so far, in order.
    public var all: [HELOCapture] { captures.withLock { $0 } }

    /// Waits until `count` captures are in or `timeout` has passed, and returns what is there.
    public func wait(for count: Int, timeout: Duration = .seconds(30)) async -> [HELOCapture] {
        let deadline = ContinuousClock.now + timeout
        while all.count < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return all
    }
}
