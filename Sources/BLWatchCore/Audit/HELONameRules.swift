import DNSWire

/// Pure rules for HELO/EHLO arguments and PTR names: RFC 5321 syntax, local names, and the
/// generic-PTR heuristics receivers score (DOMAIN.md §4.1, §4.3).
///
/// Nothing here does I/O, so the DNS audit, `helo-catch` and the log scanner can share it.
public enum HELONameRules {
    /// What a HELO argument is, syntactically.
    public enum Form: Sendable, Hashable {
        /// No argument at all (what Exim sends when `helo_data` expands to nothing).
        case empty
        /// A fully qualified host name, lower-cased, without a trailing dot.
        case hostName(String)
        /// An RFC 5321 address literal: `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
        case addressLiteral(Subject)
        /// An address without brackets, such as `192.0.2.1`.
        case bareAddress(Subject)
        /// `localhost` or `localhost.localdomain`.
        case localhost
        /// A name under a private suffix, such as `mail.local` (the suffix without its dot).
        case localName(suffix: String)
        /// A single label, such as `mail`.
        case bareLabel(String)
        /// Anything else, with the reason.
        case invalid(reason: String)
    }

    /// Suffixes that only make sense inside a private network (rspamd `checks_hello`), plus the
    /// reserved `localhost` TLD (RFC 6761).
    public static let localSuffixes = ["local", "lan", "home", "localdomain", "intra", "priv", "localhost"]

    /// Words in a PTR name that mark an address as dynamic or generic (rspamd `checks_hellohost`).
    public static let genericKeywords: Set<String> = [
        "dynamic", "dyn", "dhcp", "dsl", "adsl", "vdsl", "xdsl", "ppp", "pppoe", "pool", "cable", "catv",
        "broadband", "dialup", "dial", "gprs", "cdma", "nat",
    ]

    /// Prefixes of host-part words that exempt a PTR name from the generic heuristics.
    public static let mailWords = ["smtp", "mail", "mx", "mta"]

    /// Lower-cases `name`, trims spaces and strips one trailing dot.
    public static func normalized(_ name: String) -> String {
        var text = trimmed(name).lowercased()
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Whether two names are the same host name (case-insensitive, trailing dot ignored).
    public static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        normalized(lhs) == normalized(rhs)
    }

    /// Classifies a HELO argument.
    /// - Parameter argument: the argument as sent or configured.
    public static func classify(_ argument: String) -> Form {
        let text = trimmed(argument)
        if text.isEmpty { return .empty }
        if text.hasPrefix("[") { return literal(text) }
        if let address = IPv4Address(text) { return .bareAddress(.ipv4(address)) }
        if let address = IPv6Address(text) { return .bareAddress(.ipv6(address)) }
        let name = normalized(text)
        if name == "localhost" || name == "localhost.localdomain" { return .localhost }
        if let reason = syntaxProblem(name) { return .invalid(reason: reason) }
        let labels = name.split(separator: ".")
        if labels.count == 1 { return .bareLabel(name) }
        if let last = labels.last, localSuffixes.contains(String(last)) { return .localName(suffix: String(last)) }
        return .hostName(name)
    }

    /// Parses `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
    private static func literal(_ text: String) -> Form {
        guard text.hasSuffix("]"), text.count > 2 else { return .invalid(reason: "unclosed address literal") }
        let inner = String(text.dropFirst().dropLast())
        if let address = IPv4Address(inner) { return .addressLiteral(.ipv4(address)) }
        if inner.lowercased().hasPrefix("ipv6:"), let address = IPv6Address(String(inner.dropFirst(5))) {
            return .addressLiteral(.ipv6(address))
        }
        if IPv6Address(inner) != nil {
            return .invalid(reason: "an IPv6 literal needs the IPv6: tag, as [IPv6:\(inner)]")
        }
        return .invalid(reason: "\(text) is not an address literal")
    }

    /// Why `name` (normalized) is not a host name by RFC 1123/5321 rules, or `nil`.
    private static func syntaxProblem(_ name: String) -> String? {
        guard name.utf8.count <= 253 else { return "longer than 253 characters" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if label.isEmpty { return "empty label" }
            if label.utf8.count > 63 { return "label longer than 63 characters" }
            if label.first == "-" || label.last == "-" { return "label \"\(label)\" starts or ends with a hyphen" }
            let allowed = label.utf8.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            if !allowed { return "\"\(label)\" has characters other than letters, digits and hyphens" }
        }
        if labels.count > 1, let last = labels.last, last.allSatisfy(\.isNumber) {
            return "ends in a number, like a malformed address"
        }
        return nil
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Why a PTR name looks generic or dynamic, one reason per signal; empty when it looks like a
    /// deliberate mail host name, or when a host-part word starts with smtp, mail, mx or mta.
    /// - Parameters:
    ///   - name: the PTR name.
    ///   - address: the address it points from, to spot its digits in the name; `nil` to look for any
    ///     dotted-quad-like run of numbers.
    public static func genericSignals(in name: String, address: Subject? = nil) -> [String] {
        let name = normalized(name)
        let labels = name.split(separator: ".").map(String.init)
        let hostPart = labels.count > 2 ? Array(labels.dropLast(2)) : []
        let words = hostPart.flatMap(words(in:))
        if words.contains(where: { word in mailWords.contains { word.hasPrefix($0) } }) { return [] }
        var signals: [String] = []
        for word in words where genericKeywords.contains(word) && !signals.contains("keyword \"\(word)\"") {
            signals.append("keyword \"\(word)\"")
        }
        if name.contains("in-addr") { signals.append("contains \"in-addr\"") }
        if let digits = addressDigits(in: name, address: address) { signals.append(digits) }
        return signals
    }

    /// Splits a label into words at every non-alphanumeric character and every letter/digit boundary.
    static func words(in label: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in label {
            guard character.isASCII, character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if let last = current.last, last.isNumber != character.isNumber {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A reason when the name spells out the address (or, without one, any four numbers 0–255 in a row).
    private static func addressDigits(in name: String, address: Subject?) -> String? {
        let numbers = name.split { !$0.isNumber }.map(String.init)
        switch address {
        case .ipv4(let address):
            let octets = address.octets.map { String($0) }
            let padded = address.octets.map { pad(String($0), 3) }.joined()
            let hex = address.octets.map { pad(String($0, radix: 16), 2) }.joined()
            if contains(numbers, octets) || contains(numbers, Array(octets.reversed())) || name.contains(padded)
                || name.contains(hex)
            {
                return "the address \(address) in the name"
            }
        case .ipv6(let address):
            let dashed = address.description.replacingColons()
            let nibbles = address.nibbles.map { String($0, radix: 16) }.joined()
            if name.contains(dashed) || name.contains(nibbles) { return "the address \(address) in the name" }
        case .domain, nil:
            for start in numbers.indices where start + 4 <= numbers.count {
                let run = numbers[start..<start + 4]
                if run.allSatisfy({ $0.count <= 3 && (Int($0) ?? 256) <= 255 }) { return "an address in the name" }
            }
        }
        return nil
    }

    private static func contains(_ numbers: [String], _ run: [String]) -> Bool {
        guard numbers.count >= run.count else { return false }
        return (0...numbers.count - run.count).contains { start in
            numbers[start..<start + run.count].map { String(Int($0) ?? -1) } == run
        }
    }

    /// `text` without leading and trailing spaces, tabs and line breaks.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension String {
    /// The string with every `:` replaced by `-`, as generic IPv6 PTR names spell addresses.
    fileprivate func replacingColons() -> String {
        String(map { $0 == ":" ? "-" : $0 })
    }
}
