/// The DNS facts about one sending address and its HELO name, with the findings drawn from them.
///
/// The diagnosis reads the facts to write fixes that name values ("set REMOTE_SMTP_HELO_DATA to
/// mail.example.com, whose A record holds 192.0.2.83 and whose PTR is mail.example.com").
public struct DNSAuditResult: Sendable, Hashable {
    /// Where the HELO name the audit checked came from.
    public enum HELOSource: String, Sendable, Hashable, Codable {
        /// The target's `expectedHELO` in the configuration.
        case config
        /// Not configured: the (first) PTR name, which is what a well-set MTA sends.
        case ptr
        /// Neither configured nor derivable (no PTR).
        case none
    }

    /// What the PTR lookup gave.
    public enum PTRStatus: Sendable, Hashable {
        /// One or more PTR records.
        case found
        /// NXDOMAIN or NODATA: the address has no PTR.
        case missing
        /// No usable answer (timeout, SERVFAIL, REFUSED), with what happened; the PTR is unknown.
        case failed(String)
    }

    /// The audited address.
    public var address: Subject
    /// The reverse name queried, such as `83.2.0.192.in-addr.arpa`.
    public var reverseName: String
    /// What the PTR lookup gave.
    public var ptrStatus: PTRStatus
    /// The PTR names, lower-cased, without the trailing dot, in answer order.
    public var ptrNames: [String]
    /// The A and AAAA addresses of each name looked up (the PTR names and the HELO name); a name whose
    /// lookups failed is absent.
    public var forwardAddresses: [String: [Subject]]
    /// The HELO name checked, normalized; `nil` when there was none.
    public var heloName: String?
    /// Where ``heloName`` came from.
    public var heloSource: HELOSource
    /// Whether a PTR name resolves back to the address (same family): forward-confirmed reverse DNS.
    public var fcrdnsConfirmed: Bool
    /// What is wrong, worst first.
    public var findings: [AuditFinding]
    /// Remarks that are not findings, such as "audited the first 256 of 65,536 addresses".
    public var notes: [String]

    /// Creates a result.
    public init(
        address: Subject,
        reverseName: String,
        ptrStatus: PTRStatus,
        ptrNames: [String] = [],
        forwardAddresses: [String: [Subject]] = [:],
        heloName: String? = nil,
        heloSource: HELOSource = .none,
        fcrdnsConfirmed: Bool = false,
        findings: [AuditFinding] = [],
        notes: [String] = []
    ) {
        self.address = address
        self.reverseName = reverseName
        self.ptrStatus = ptrStatus
        self.ptrNames = ptrNames
        self.forwardAddresses = forwardAddresses
        self.heloName = heloName
        self.heloSource = heloSource
        self.fcrdnsConfirmed = fcrdnsConfirmed
        self.findings = findings
        self.notes = notes
    }

    /// The address as text (`192.0.2.83`, `2001:db8::25`).
    public var ip: String { address.description }

    /// The name the MTA should send in EHLO: the first PTR name that resolves back to the address, or
    /// `nil` when forward-confirmed reverse DNS does not hold.
    public var suggestedHELOName: String? {
        ptrNames.first(where: confirms)
    }

    /// Whether `name`'s forward addresses include the audited address.
    public func confirms(_ name: String) -> Bool {
        forwardAddresses[HELONameRules.normalized(name)]?.contains(address) ?? false
    }

    /// The worst severity among the findings, `nil` when there are none.
    public var worstSeverity: AuditFinding.Severity? {
        findings.map(\.severity).max()
    }
}
