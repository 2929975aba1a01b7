import NIOConcurrencyHelpers

/// Unpredictable DNS query IDs from the system CSPRNG, drawn 4,096 at a time.
///
/// IDs must be random (RFC 5452 §9.2) so that an off-path attacker cannot guess them, but one
/// `getrandom(2)` call per query is a measurable cost at tens of thousands of queries a second.
final class QueryIDSource: Sendable {
    private struct Pool {
        var ids: [UInt16] = []
        var generator = SystemRandomNumberGenerator()
    }

    private let pool = NIOLockedValueBox(Pool())

    /// The next random ID.
    func next() -> UInt16 {
        pool.withLockedValue { pool in
            if pool.ids.isEmpty {
                pool.ids.reserveCapacity(4096)
                for _ in 0..<1024 {
                    let word = pool.generator.next() as UInt64
                    pool.ids.append(UInt16(truncatingIfNeeded: word))
                    pool.ids.append(UInt16(truncatingIfNeeded: word >> 16))
                    pool.ids.append(UInt16(truncatingIfNeeded: word >> 32))
                    pool.ids.append(UInt16(truncatingIfNeeded: word >> 48))
                }
            }
            return pool.ids.removeLast()
        }
    }
}
