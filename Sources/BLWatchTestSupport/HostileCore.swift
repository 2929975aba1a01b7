import DNSWire
import NIOCore
import Synchronization

/// The state and decisions behind ``HostileDNSServer``: draws a fault per query, forwards what needs
/// the truth to the real server, and sends what the fault calls for.
final class HostileCore: Sendable {
    /// Where a query came from, and so where its reply goes.
    enum Client: Sendable {
        case udp(SocketAddress)
        case tcp(any Channel)
    }

    /// The sockets replies leave from.
    struct Links: Sendable {
        let front: any Channel
        let otherPort: any Channel
        let otherAddress: any Channel
        let upstream: any Channel
    }

    /// Counts and per-question history.
    struct Ledger {
        var attempts: [Question: (udp: Int, tcp: Int)] = [:]
        var events: [Question: [FaultEvent]] = [:]
        var udpCounts: [DNSFault: Int] = [:]
        var tcpCounts: [TCPFault: Int] = [:]
    }

    /// A query waiting for the real server's reply.
    private struct Forwarded {
        let query: Message
        let client: Client
        let fault: Fault
        var random: SeededRandom
    }

    private enum Fault {
        case udp(DNSFault)
        case tcp(TCPFault)
    }

    let ledger = Mutex(Ledger())
    let links = Mutex<Links?>(nil)
    private let forwarded = Mutex<(next: UInt16, waiting: [UInt16: Forwarded])>((0, [:]))
    private let plan: HostileDNSPlan
    private let upstream: SocketAddress

    init(plan: HostileDNSPlan, upstream: SocketAddress) {
        self.plan = plan
        self.upstream = upstream
    }

    /// Handles one query from a client.
    func receive(_ query: Message, from client: Client) {
        let question = query.questions[0]
        let overTCP: Bool
        if case .tcp = client { overTCP = true } else { overTCP = false }
        let attempt = ledger.withLock { ledger in
            var counts = ledger.attempts[question] ?? (0, 0)
            defer { ledger.attempts[question] = counts }
            if overTCP {
                counts.tcp += 1
                return counts.tcp - 1
            }
            counts.udp += 1
            return counts.udp - 1
        }
        var random = plan.random(for: question, attempt: attempt, overTCP: overTCP)
        if overTCP {
            receiveOverTCP(query, client: client, random: random)
            return
        }
        let fault = plan.udpFault(&random)
        switch fault {
        case .drop:
            record(.udp(fault, truthful: false), question)
        case .pointerLoop:
            record(.udp(fault, truthful: false), question)
            send(HostileDNSReplies.pointerLoop(query, &random), to: client)
        case .garbage:
            record(.udp(fault, truthful: false), question)
            send(HostileDNSReplies.garbage(id: query.header.id, &random), to: client)
        case .serverFailure, .refused:
            record(.udp(fault, truthful: false), question)
            send(Message.reply(to: query, code: fault == .refused ? .refused : .serverFailure).encoded(), to: client)
        case .outsideLoopback:
            record(.udp(fault, truthful: false), question)
            send(HostileDNSReplies.outsideLoopback(query, &random).encoded(), to: client)
        case .wrongType:
            record(.udp(fault, truthful: false), question)
            send(HostileDNSReplies.wrongType(query, &random).encoded(), to: client)
        default:
            forward(Forwarded(query: query, client: client, fault: .udp(fault), random: random))
        }
    }

    /// Handles the real server's reply to a forwarded query.
    func upstreamReplied(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        guard var item = forwarded.withLock({ $0.waiting.removeValue(forKey: id) }) else { return }
        let query = item.query
        let question = query.questions[0]
        let truth = HostileDNSReplies.truth(bytes, id: query.header.id)
        let lie = HostileDNSReplies.lie(to: query, truth: bytes)
        switch item.fault {
        case .tcp(let fault):
            record(.tcp(fault), question)
            if fault == .answer {
                send(HostileDNSReplies.frame(truth), to: item.client)
            } else {
                var wrong = lie
                wrong.header.id ^= 0x5A5A
                send(HostileDNSReplies.frame(wrong.encoded()), to: item.client)
            }
        case .udp(let fault):
            deliver(fault, truth: truth, lie: lie, to: item.client, question: question, random: &item.random)
        }
    }

    private func receiveOverTCP(_ query: Message, client: Client, random: SeededRandom) {
        var random = random
        let fault = plan.tcpFault(&random)
        guard case .tcp(let channel) = client else { return }
        if fault == .answer || fault == .wrongID {
            forward(Forwarded(query: query, client: client, fault: .tcp(fault), random: random))
            return
        }
        record(.tcp(fault), query.questions[0])
        switch fault {
        case .garbage:
            send(HostileDNSReplies.frame(HostileDNSReplies.garbage(id: query.header.id, &random)), to: client)
        case .brokenFrame:
            // The prefix promises 512 bytes; fewer follow before the close.
            send([0x02, 0x00] + Message.reply(to: query, code: .nameError).encoded(), to: client)
            channel.close(promise: nil)
        case .close:
            channel.close(promise: nil)
        default:
            break  // silence: the client's deadline ends the connection
        }
    }

    /// Sends what a forwarded UDP fault calls for, now that the truth is known. The event is recorded
    /// before anything is sent, so that a retry it provokes (over TCP, say) is recorded after it.
    private func deliver(
        _ fault: DNSFault,
        truth: [UInt8],
        lie: Message,
        to client: Client,
        question: Question,
        random: inout SeededRandom
    ) {
        guard case .udp(let address) = client, let links = links.withLock({ $0 }) else { return }
        let spoofed: Set<DNSFault> = [.wrongID, .wrongPort, .wrongAddress, .wrongQuestion]
        // A spoofed lie is sometimes followed by the truth from the right socket.
        let follow = spoofed.contains(fault) && Double.random(in: 0..<1, using: &random) < plan.followShare
        record(.udp(fault, truthful: follow || fault == .duplicate || fault == .none), question)
        switch fault {
        case .delay:
            let seconds = Double.random(in: plan.delay, using: &random)
            let envelope = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: truth))
            links.front.eventLoop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
                links.front.writeAndFlush(envelope, promise: nil)
            }
        case .duplicate:
            send(truth, to: client)
            send(truth, to: client)
        case .truncated:
            var truncated = lie
            truncated.header.isTruncated = true
            send(truncated.encoded(), to: client)
        case .wrongID:
            var wrong = lie
            wrong.header.id ^= UInt16.random(in: 1...UInt16.max, using: &random)
            send(wrong.encoded(), to: client)
        case .wrongPort:
            send(lie.encoded(), to: address, via: links.otherPort)
        case .wrongAddress:
            send(lie.encoded(), to: address, via: links.otherAddress)
        case .wrongQuestion:
            send(HostileDNSReplies.withOtherQuestion(lie).encoded(), to: client)
        default:
            send(truth, to: client)
        }
        if follow { send(truth, to: client) }
    }

    private func forward(_ item: Forwarded) {
        guard let upstreamChannel = links.withLock({ $0?.upstream }) else { return }
        let id = forwarded.withLock { state in
            // A reply the real server never sent leaves its slot behind; it is reused after 65,536 queries.
            state.next &+= 1
            state.waiting[state.next] = item
            return state.next
        }
        var query = item.query
        query.header.id = id
        let envelope = AddressedEnvelope(remoteAddress: upstream, data: ByteBuffer(bytes: query.encoded()))
        upstreamChannel.writeAndFlush(envelope, promise: nil)
    }

    private func send(_ bytes: [UInt8], to client: Client) {
        switch client {
        case .udp(let address):
            guard let front = links.withLock({ $0?.front }) else { return }
            send(bytes, to: address, via: front)
        case .tcp(let channel):
            channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
        }
    }

    private func send(_ bytes: [UInt8], to address: SocketAddress, via channel: any Channel) {
        channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes)), promise: nil)
    }

    private func record(_ event: FaultEvent, _ question: Question) {
        ledger.withLock { ledger in
            ledger.events[question, default: []].append(event)
            switch event {
            case .udp(let fault, _): ledger.udpCounts[fault, default: 0] += 1
            case .tcp(let fault): ledger.tcpCounts[fault, default: 0] += 1
            }
        }
    }
}
