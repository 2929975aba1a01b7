/// What the SMTP probe saw: the greeting, the EHLO capabilities, and the findings.
public struct SMTPProbeResult: Sendable, Hashable {
    /// The greeting's first line as received, such as `220 mx.example.net ESMTP Exim 4.96`; `nil` when
    /// none came.
    public var greeting: String?
    /// The host name in the greeting (its first word after the code), lower-cased.
    public var bannerName: String?
    /// The EHLO keywords, one per line after the first, such as `PIPELINING`, `SIZE 52428800`.
    public var capabilities: [String]
    /// Whether EHLO offered STARTTLS.
    public var startTLS: Bool
    /// What is wrong, worst first.
    public var findings: [AuditFinding]
    /// The dialogue, one line each, `S: ` for the server and `C: ` for the probe.
    public var transcript: [String]

    /// Creates a result.
    public init(
        greeting: String? = nil,
        bannerName: String? = nil,
        capabilities: [String] = [],
        startTLS: Bool = false,
        findings: [AuditFinding] = [],
        transcript: [String] = []
    ) {
        self.greeting = greeting
        self.bannerName = bannerName
        self.capabilities = capabilities
        self.startTLS = startTLS
        self.findings = findings
        self.transcript = transcript
    }
}
