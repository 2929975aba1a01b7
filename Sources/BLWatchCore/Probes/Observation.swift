public import DNSWire

/// What one probe of one subject on one zone found, with the evidence behind the verdict.
public struct Observation: Sendable {
    /// What was asked about.
    public var subject: Subject
    /// The catalog id of the zone.
    public var zoneID: String
    /// The verdict.
    public var verdict: Verdict
    /// Every A-record value in the answer (listing, reputation or error codes).
    public var answers: [IPv4Address]
    /// The TXT reason, for listings of zones that publish one.
    public var txt: String?
    /// The response code, when a response came.
    public var responseCode: ResponseCode?
    /// The server that answered.
    public var server: String?
    /// How long the lookup took.
    public var duration: Duration

    /// Creates an observation.
    public init(
        subject: Subject,
        zoneID: String,
        verdict: Verdict,
        answers: [IPv4Address] = [],
        txt: String? = nil,
        responseCode: ResponseCode? = nil,
        server: String? = nil,
        duration: Duration = .zero
    ) {
        self.subject = subject
        self.zoneID = zoneID
        self.verdict = verdict
        self.answers = answers
        self.txt = txt
        self.responseCode = responseCode
        self.server = server
        self.duration = duration
    }
}
