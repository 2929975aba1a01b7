import BLWatchTestSupport

/// Seeded mutations of valid inputs for the in-suite fuzz loops (STYLE.md C11).
///
/// libFuzzer's basic byte mutators (flip a bit, set a byte, insert, erase, truncate, duplicate a
/// chunk) plus splicing in tokens that matter to the parser under test, after
/// `DecodeRegressionTests.mutate`. SplitMix64 underneath, so every run replays the same inputs.
struct SeededMutator {
    private var random: SeededRandom
    /// Byte strings spliced into inputs: markup, log keywords, odd bytes.
    let tokens: [[UInt8]]

    /// Makes a mutator.
    /// - Parameters:
    ///   - seed: the generator's seed; a fixed value replays the same inputs.
    ///   - tokens: the strings to splice in.
    init(seed: UInt64, tokens: [[UInt8]]) {
        random = SeededRandom(seed: seed)
        self.tokens = tokens
    }

    /// A value in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        Int(random.next(upperBound: UInt64(bound)))
    }

    /// Applies one random mutation to `bytes`.
    mutating func mutate(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else {
            bytes = tokens[below(tokens.count)]
            return
        }
        let index = below(bytes.count)
        let chunkEnd = min(bytes.count, index + 1 + below(64))
        switch below(8) {
        case 0: bytes[index] ^= 1 << UInt8(below(8))
        case 1: bytes[index] = UInt8(truncatingIfNeeded: random.next())
        case 2: bytes.removeSubrange(index...)
        case 3: bytes.remove(at: index)
        case 4: bytes.removeSubrange(index..<chunkEnd)
        case 5: bytes.insert(contentsOf: bytes[index..<chunkEnd], at: below(bytes.count + 1))
        default: bytes.insert(contentsOf: tokens[below(tokens.count)], at: index)
        }
    }
}
