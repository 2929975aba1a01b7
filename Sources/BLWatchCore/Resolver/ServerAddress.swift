import DNSWire

/// A DNS server to query: an IP address and a port (a resolver is named by address, never by name,
/// since resolving its name would need a resolver).
public struct ServerAddress: Sendable, Hashable, CustomStringConvertible {
    /// The server's address (IPv4 or IPv6).
    public var host: Subject
    /// The UDP/TCP port.
    public var port: Int

    /// Parses `HOST`, `HOST:PORT`, `IPv6`, or `[IPv6]:PORT`.
    /// - Throws: ``ResolverError`` with code `.badServer`.
    public init(parsing text: String, defaultPort: Int = 53) throws(ResolverError) {
        var hostText = text
        var port = defaultPort
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw Self.bad(text) }
            hostText = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else { throw Self.bad(text) }
                port = value
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            hostText = String(text[..<colon])
            guard let value = Int(text[text.index(after: colon)...]) else { throw Self.bad(text) }
            port = value
        }
        guard (1...65535).contains(port) else { throw Self.bad(text) }
        switch Subject(hostText) {
        case .some(.ipv4(let address)): host = .ipv4(address)
        case .some(.ipv6(let address)): host = .ipv6(address)
        default: throw Self.bad(text)
        }
        self.port = port
    }

    public var description: String {
        switch host {
        case .ipv6: "[\(host)]:\(port)"
        default: "\(host):\(port)"
        }
    }

    /// The nameservers listed in a resolv.conf text, in order (scoped IPv6 addresses are skipped).
    public static func fromResolvConf(_ text: String) -> [ServerAddress] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, words[0] == "nameserver" else { return nil }
            return try? ServerAddress(parsing: String(words[1]))
        }
    }

    private static func bad(_ text: String) -> ResolverError {
        ResolverError(
            .badServer,
            "resolver \"\(text)\" is not an IP address with an optional port (HOST, HOST:PORT, [IPv6]:PORT)"
        )
    }
}
