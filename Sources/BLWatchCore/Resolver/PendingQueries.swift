import DNSWire
import NIOConcurrencyHelpers
import NIOCore

/// The queries one UDP socket has in flight, keyed by DNS ID, and the matching of replies to them.
///
/// A reply completes a query only if it comes from the address and port the query went to, has the
/// query's ID, the QR bit, and the same question (RFC 5452 §9.1). Anything else is dropped and the
/// query keeps waiting, so a stray or spoofed packet can delay a verdict but never decide it.
final class PendingQueries: Sendable {
    /// How one UDP exchange ended.
    enum Exchange: Sendable {
        case response(Message)
        case timedOut
        case sendFailed(String)
        case malformed(String)
    }

    private struct Entry {
        let question: Question
        let server: SocketAddress
        let deadline: NIODeadline
        let continuation: CheckedContinuation<Exchange, Never>
    }

    private let entries = NIOLockedValueBox<[UInt16: Entry]>([:])
    private let dropped = NIOLockedValueBox(0)

    /// Datagrams dropped because they matched no query in flight (late, spoofed, or malformed).
    var droppedCount: Int { dropped.withLockedValue { $0 } }
    private let nextID: @Sendable () -> UInt16

    init(nextID: @escaping @Sendable () -> UInt16) {
        self.nextID = nextID
    }

    /// Registers a query under a fresh ID that no other query in flight uses.
    /// - Returns: the ID, or `nil` when the socket's ID space is full.
    func register(
        _ question: Question,
        server: SocketAddress,
        deadline: NIODeadline,
        continuation: CheckedContinuation<Exchange, Never>
    ) -> UInt16? {
        entries.withLockedValue { entries in
            guard entries.count < 60_000 else { return nil }
            var id = nextID()
            while entries[id] != nil { id = nextID() }
            entries[id] = Entry(question: question, server: server, deadline: deadline, continuation: continuation)
            return id
        }
    }

    /// Ends every query whose deadline has passed with `.timedOut`.
    ///
    /// One sweep every few milliseconds replaces a timer per query: scheduling a timer costs a lock
    /// and a wake-up of the event loop, and a scan sends tens of thousands of queries a second.
    func expire(now: NIODeadline) {
        let expired: [Entry] = entries.withLockedValue { entries in
            let ids = entries.compactMap { $0.value.deadline <= now ? $0.key : nil }
            return ids.compactMap { entries.removeValue(forKey: $0) }
        }
        for entry in expired { entry.continuation.resume(returning: .timedOut) }
    }

    /// Ends the query `id` with `result`, if it is still in flight.
    func finish(_ id: UInt16, with result: Exchange) {
        guard let entry = entries.withLockedValue({ $0.removeValue(forKey: id) }) else { return }
        entry.continuation.resume(returning: result)
    }

    /// Matches a datagram to the query it answers; unmatched datagrams are dropped.
    func receive(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        guard bytes.count >= 2 else {
            dropped.withLockedValue { $0 += 1 }
            return
        }
        let id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        let decoded: Result<Message, DNSWireError>
        do throws(DNSWireError) {
            decoded = .success(try Message(decoding: bytes))
        } catch {
            decoded = .failure(error)
        }
        let entry: Entry? = entries.withLockedValue { entries in
            guard let entry = entries[id], entry.server == source else { return nil }
            if case .success(let message) = decoded {
                guard message.header.isResponse, message.questions.count == 1,
                    message.questions[0] == entry.question
                else { return nil }
            }
            return entries.removeValue(forKey: id)
        }
        guard let entry else {
            dropped.withLockedValue { $0 += 1 }
            return
        }
        switch decoded {
        case .success(let message): entry.continuation.resume(returning: .response(message))
        case .failure(let error): entry.continuation.resume(returning: .malformed(error.description))
        }
    }
}
