import DNSWire

/// One way ``HostileDNSServer`` mistreats a query that came over UDP.
///
/// Every fault that answers with the right ID, source and question while it must be ignored carries a
/// lie (the opposite of the truth), so a client that wrongly accepted it would show a wrong verdict.
public enum DNSFault: String, CaseIterable, Sendable, Comparable {
    /// Forwarded to the real server and answered unchanged.
    case none
    /// No answer at all.
    case drop
    /// The true answer, sent late (around or beyond the client's timeout).
    case delay
    /// A lie under another ID, sometimes followed by the true answer.
    case wrongID
    /// A lie from a second socket (another port), sometimes followed by the true answer.
    case wrongPort
    /// A lie from 127.0.0.2 (another address), sometimes followed by the true answer.
    case wrongAddress
    /// A lie whose question names another subject, sometimes followed by the true answer.
    case wrongQuestion
    /// A lie with the TC bit set: the client must retry over TCP, where ``TCPFault`` applies.
    case truncated
    /// The right ID and question, then an answer whose name is a compression loop or a forward pointer.
    case pointerLoop
    /// The right ID, then random bytes.
    case garbage
    /// SERVFAIL.
    case serverFailure
    /// REFUSED.
    case refused
    /// NOERROR with an A record outside 127.0.0.0/8 (a resolver that rewrites NXDOMAIN).
    case outsideLoopback
    /// NOERROR with a record of the wrong type for the name (TXT or AAAA to an A query, A to a TXT query).
    case wrongType
    /// The true answer, twice.
    case duplicate

    /// Whether the client accepts what this fault sends as the final answer: it must turn it into
    /// unknown, and no retry can recover the pair.
    public var isFinal: Bool { self == .outsideLoopback || self == .wrongType }

    public static func < (lhs: DNSFault, rhs: DNSFault) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How ``HostileDNSServer`` treats a query that came over TCP (after a truncated UDP answer).
public enum TCPFault: String, CaseIterable, Sendable, Comparable {
    /// The true answer.
    case answer
    /// The connection is closed without an answer.
    case close
    /// The connection stays open and silent.
    case silence
    /// The right ID, then random bytes, in a well-formed frame.
    case garbage
    /// A lie under another ID.
    case wrongID
    /// A length prefix promising more bytes than follow, then the connection is closed.
    case brokenFrame

    public static func < (lhs: TCPFault, rhs: TCPFault) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the server did with one query, in the order queries arrived.
public enum FaultEvent: Sendable, Hashable {
    /// A UDP query met `fault`; `truthful` when the true answer was sent at once (alone or after a lie).
    case udp(DNSFault, truthful: Bool)
    /// A TCP query met `fault`.
    case tcp(TCPFault)

    /// Whether the true answer went out without delay.
    public var isTruthful: Bool {
        switch self {
        case .udp(_, let truthful): truthful
        case .tcp(let fault): fault == .answer
        }
    }
}

/// Which faults to inject, how often, and from which seed.
///
/// The fault for a query is a pure function of the seed, the question and how many times that
/// question was asked before, so a run is reproducible whatever order concurrent queries arrive in.
public struct HostileDNSPlan: Sendable {
    /// Seeds every choice.
    public var seed: UInt64
    /// Share of UDP queries per fault (0…1); the rest is forwarded unchanged (``DNSFault/none``).
    public var shares: [DNSFault: Double]
    /// Share of TCP queries per fault; the rest is answered truly (``TCPFault/answer``).
    public var tcpShares: [TCPFault: Double]
    /// How late a ``DNSFault/delay`` answer is sent, in seconds.
    public var delay: ClosedRange<Double>
    /// Share of spoofed lies (wrong ID, port, address or question) followed at once by the true answer.
    public var followShare: Double

    /// Creates a plan.
    /// - Parameters:
    ///   - seed: seeds every choice.
    ///   - shares: share of UDP queries per fault; their sum should not exceed 1.
    ///   - tcpShares: share of TCP queries per fault.
    ///   - delay: how late delayed answers are sent, in seconds (set it around the client's timeout).
    ///   - followShare: share of spoofed lies followed by the true answer.
    public init(
        seed: UInt64,
        shares: [DNSFault: Double],
        tcpShares: [TCPFault: Double] = [:],
        delay: ClosedRange<Double> = 0.5...2,
        followShare: Double = 0.5
    ) {
        self.seed = seed
        self.shares = shares
        self.tcpShares = tcpShares
        self.delay = delay
        self.followShare = followShare
    }

    /// Shares that split `total` evenly among `faults`.
    public static func evenly(_ faults: [DNSFault], total: Double) -> [DNSFault: Double] {
        Dictionary(uniqueKeysWithValues: faults.map { ($0, total / Double(faults.count)) })
    }

    /// The generator for the `attempt`-th query (0-based) of `question` over UDP or TCP.
    func random(for question: Question, attempt: Int, overTCP: Bool) -> SeededRandom {
        // FNV-1a over the lower-cased name and the type: names compare case-insensitively.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for label in question.name.labels {
            for byte in label + [0x2E] {
                hash = (hash ^ UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)) &* 0x100_0000_01B3
            }
        }
        hash = (hash ^ UInt64(question.type.rawValue)) &* 0x100_0000_01B3
        return SeededRandom(seed: seed ^ hash ^ (UInt64(attempt) &* 0x9E37_79B9_7F4A_7C15) ^ (overTCP ? 0xA5A5 : 0))
    }

    /// The UDP fault drawn by `random`.
    func udpFault(_ random: inout SeededRandom) -> DNSFault {
        Self.pick(from: shares, fallback: .none, &random)
    }

    /// The TCP fault drawn by `random`.
    func tcpFault(_ random: inout SeededRandom) -> TCPFault {
        Self.pick(from: tcpShares, fallback: .answer, &random)
    }

    private static func pick<Fault: Comparable>(
        from shares: [Fault: Double],
        fallback: Fault,
        _ random: inout SeededRandom
    ) -> Fault {
        var roll = Double.random(in: 0..<1, using: &random)
        for (fault, share) in shares.sorted(by: { $0.key < $1.key }) {
            if roll < share { return fault }
            roll -= share
        }
        return fallback
    }
}
