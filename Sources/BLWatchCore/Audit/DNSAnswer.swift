import DNSWire

/// One lookup of the DNS audit, reduced to what the findings need: the records, or why there are none,
/// and the evidence lines (`PTR 83.2.0.192.in-addr.arpa → mail.example.net`).
struct DNSAnswer: Sendable, Hashable {
    /// How the lookup ended.
    enum State: Sendable, Hashable {
        /// Records of the asked type (possibly behind a CNAME).
        case records
        /// NXDOMAIN: the name does not exist.
        case nxdomain
        /// NOERROR with no record of the asked type.
        case nodata
        /// No usable answer: timeout, SERVFAIL, REFUSED, a network error.
        case failed(String)
    }

    var state: State
    /// The records of the asked type.
    var data: [RecordData]
    /// One line per record or, without records, one line saying why.
    var evidence: [String]

    /// Whether the name definitely has no record of the type (NXDOMAIN or NODATA).
    var isAbsent: Bool { state == .nxdomain || state == .nodata }

    /// Whether the lookup failed, leaving the answer unknown.
    var isFailure: Bool {
        if case .failed = state { return true }
        return false
    }

    /// The PTR target names, normalized, without duplicates.
    var names: [String] {
        var names: [String] = []
        for case .ptr(let name) in data {
            let text = DNSAnswer.text(name)
            if !names.contains(text) { names.append(text) }
        }
        return names
    }

    /// The A and AAAA addresses.
    var addresses: [Subject] {
        data.compactMap { data in
            switch data {
            case .a(let address): .ipv4(address)
            case .aaaa(let address): .ipv6(address)
            default: nil
            }
        }
    }

    /// Reduces a lookup of `type` records of `name`.
    init(_ lookup: Lookup, name: DomainName, type: RecordType) {
        let label = "\(type) \(DNSAnswer.text(name))"
        switch lookup.outcome {
        case .failure(let failure):
            self.init(state: .failed("\(failure) (resolver \(lookup.server))"), label: label)
        case .response(let message):
            self.init(message, label: label, type: type, server: lookup.server)
        }
    }

    private init(state: State, label: String) {
        let why =
            switch state {
            case .nxdomain: "NXDOMAIN"
            case .nodata: "no record (NODATA)"
            case .failed(let detail): detail
            case .records: ""
            }
        self.init(state: state, data: [], evidence: ["\(label): \(why)"])
    }

    init(state: State, data: [RecordData], evidence: [String]) {
        self.state = state
        self.data = data
        self.evidence = evidence
    }

    private init(_ message: Message, label: String, type: RecordType, server: String) {
        let code = message.header.responseCode
        if code == .nameError {
            self.init(state: .nxdomain, label: label)
            return
        }
        guard code == .noError else {
            self.init(state: .failed("\(code) (resolver \(server))"), label: label)
            return
        }
        var data: [RecordData] = []
        var evidence: [String] = []
        for record in message.answers {
            let owner = DNSAnswer.text(record.name)
            switch record.data {
            case .cname(let target): evidence.append("CNAME \(owner) → \(DNSAnswer.text(target))")
            case .ptr(let target) where type == .ptr: evidence.append("PTR \(owner) → \(DNSAnswer.text(target))")
            case .a(let address) where type == .a: evidence.append("A \(owner) → \(address)")
            case .aaaa(let address) where type == .aaaa: evidence.append("AAAA \(owner) → \(address)")
            default: continue
            }
            if record.type == type { data.append(record.data) }
        }
        guard !data.isEmpty else {
            self.init(state: .nodata, label: label)
            return
        }
        self.init(state: .records, data: data, evidence: evidence)
    }

    /// A name as the audit shows it: lower case, no trailing dot.
    static func text(_ name: DomainName) -> String {
        HELONameRules.normalized(name.description)
    }
}
