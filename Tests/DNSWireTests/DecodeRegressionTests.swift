import BLWatchTestSupport
import DNSWire
import Testing

/// Hostile input must end in a ``DNSWireError``, never a trap (STYLE.md C11).
///
/// The loops replay the same buffers on every run (SeededRandom with fixed seeds). A buffer that
/// ever trapped, here or under libFuzzer (`scripts/fuzz`, target dns-message, docs/FUZZING.md), is
/// frozen below as a named test with its bytes inline.
struct DecodeRegressionTests {
    /// Valid messages to mutate.
    static let seeds: [[UInt8]] = WireFixtures.messages.map(\.1) + [RoundTripTests.everyRecordType.encoded()]

    /// Decodes, and when that succeeds, checks that re-encoding decodes to the same value
    /// (hickory `fuzz_targets/message.rs`).
    static func decodeReencode(_ bytes: [UInt8]) -> Bool {
        guard let message = try? Message(decoding: bytes) else {
            return false
        }
        let again = try? Message(decoding: message.encoded())
        #expect(again == message, "re-encode changed \(bytes)")
        return true
    }

    @Test func randomBuffersNeverTrap() {
        var random = SeededRandom(seed: 0x00DE_C0DE)
        var decoded = 0
        for _ in 0..<10_000 {
            var bytes = (0..<random.below(512)).map { _ in random.byte() }
            // Keep the counts small in most buffers so decoding gets past the header.
            if bytes.count >= 12, random.below(4) != 0 {
                for index in 4..<12 {
                    bytes[index] = index.isMultiple(of: 2) ? 0 : UInt8(random.below(3))
                }
            }
            if Self.decodeReencode(bytes) {
                decoded += 1
            }
        }
        // Header-only and tiny messages decode; most random bytes do not.
        #expect(decoded > 0 && decoded < 10_000)
    }

    @Test func mutatedMessagesNeverTrap() {
        var random = SeededRandom(seed: 0x0BAD_5EED)
        var decoded = 0
        for _ in 0..<10_000 {
            var bytes = Self.seeds[random.below(Self.seeds.count)]
            for _ in 0...random.below(4) {
                Self.mutate(&bytes, using: &random)
            }
            if Self.decodeReencode(bytes) {
                decoded += 1
            }
        }
        #expect(decoded > 100 && decoded < 10_000)
    }

    static func mutate(_ bytes: inout [UInt8], using random: inout SeededRandom) {
        guard !bytes.isEmpty else {
            bytes.append(random.byte())
            return
        }
        let index = random.below(bytes.count)
        switch random.below(6) {
        case 0: bytes[index] ^= 1 << UInt8(random.below(8))
        case 1: bytes[index] = random.byte()
        case 2: bytes.removeSubrange(index...)
        case 3: bytes.insert(random.byte(), at: index)
        case 4: bytes.remove(at: index)
        default: bytes[index] = [0xC0, 0x3F, 0x40, 0x80, 0xFF, 0x00][random.below(6)]
        }
    }

    static func expectError(_ code: DNSWireError.Code, at offset: Int, decoding bytes: [UInt8]) {
        let error = #expect(throws: DNSWireError.self) { try Message(decoding: bytes) }
        #expect(error?.code == code)
        #expect(error?.offset == offset)
    }

    /// Hand-written: "a" then a pointer back to its own first label; an unchecked reader spins forever.
    @Test func compressionPointerLoop() {
        Self.expectError(
            .pointerLoop,
            at: 14,
            decoding: DecodingTests.oneQuestionHeader + [0x01, 0x61, 0xC0, 0x0C, 0, 1, 0, 1]
        )
    }

    /// Hand-written: two names that point at each other; the second pointer does point backwards,
    /// but into the run of labels it came from.
    @Test func mutualPointers() {
        let bytes: [UInt8] =
            [0, 1, 0x80, 0, 0, 2, 0, 0, 0, 0, 0, 0]
            + [0x01, 0x61, 0xC0, 0x13, 0, 1, 0, 1]  // 12: "a" -> 19 (forward)
            + [0x01, 0x62, 0xC0, 0x0C, 0, 1, 0, 1]  // 20: "b" -> 12
        Self.expectError(.badPointer, at: 14, decoding: bytes)
    }

    /// A message whose question `i` is a pointer to question `i - 1`'s pointer, so name `i`
    /// needs `i` hops. Every pointer is legal; only the chain length is hostile.
    static func pointerChain(questions: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 1, 0x80, 0, UInt8(questions >> 8), UInt8(questions & 0xFF), 0, 0, 0, 0, 0, 0]
        bytes += [0x00, 0x00, 0x01, 0x00, 0x01]  // question 0 at 12: the root
        var previous = 12
        for _ in 1..<questions {
            let here = bytes.count
            bytes += [0xC0 | UInt8(previous >> 8), UInt8(previous & 0xFF), 0x00, 0x01, 0x00, 0x01]
            previous = here
        }
        return bytes
    }

    /// Hand-written: 128 hops decode, the 129th is refused at the pointer that would take it.
    @Test func pointerChainIsCapped() throws {
        let allowed = try Message(decoding: Self.pointerChain(questions: 129))
        #expect(allowed.questions.count == 129 && allowed.questions.allSatisfy { $0.name == .root })
        Self.expectError(.pointerLoop, at: 17, decoding: Self.pointerChain(questions: 130))
    }

    /// Hand-written: a header claiming 65,535 of everything must fail fast, not allocate or loop.
    @Test func hugeCounts() {
        Self.expectError(.truncated, at: 12, decoding: [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    /// Hand-written: RDLENGTH 0xFFFF on the last record must not form a range past the buffer.
    @Test func maximalRecordLength() {
        Self.expectError(
            .truncated,
            at: 23,
            decoding: DecodingTests.answer(type: 1, rdlength: 0xFFFF, rdata: [1, 2, 3, 4])
        )
    }

    /// Hand-written: a compression pointer whose second byte is cut off by the end of the buffer.
    @Test func pointerCutAtEnd() {
        Self.expectError(
            .truncated,
            at: 16,
            decoding: DecodingTests.oneQuestionHeader + [0x01, 0x61, 0x01, 0x62, 0xC0]
        )
    }
}
