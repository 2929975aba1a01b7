public import DNSWire

/// One DNSBL zone of the catalog, with everything blwatch needs to query it and read its answers.
public struct Zone: Sendable, Identifiable {
    /// How the list may be used.
    public enum Access: String, Sendable, Hashable, CaseIterable {
        /// Anyone may query it.
        case free
        /// The querying resolver's IP must be registered with the list first (Barracuda).
        case registeredResolver
        /// The zone name contains a `{key}` placeholder (Spamhaus DQS, Abusix).
        case key
    }

    /// Whether the list still works.
    public enum Status: Sendable, Hashable {
        case active
        /// The list is gone; its zone answers nothing useful (emptied) or everything (wildcard).
        case defunct(since: String?, note: String)
    }

    /// Published usage limits.
    public struct Limits: Sendable, Hashable {
        public var queriesPerDay: Int?
        public var queriesPerSecond: Int?
        public var note: String?
    }

    /// Whether the zone serves the RFC 5782 §5 test entries.
    public struct SelfTest: Sendable, Hashable {
        /// 127.0.0.2 / ::FFFF:7F00:2 / TEST is listed.
        public var listed: Bool
        /// 127.0.0.1 / ::FFFF:7F00:1 / INVALID is not listed.
        public var notListed: Bool
        /// Both test entries, as the RFC requires.
        public static let rfc5782 = SelfTest(listed: true, notListed: true)
    }

    /// A short stable identifier, such as `spamhaus-zen`.
    public var id: String
    /// The display name.
    public var name: String
    /// The zone name as written, possibly with a `{key}` placeholder.
    public var zoneTemplate: String
    /// What the zone is keyed by.
    public var kinds: Set<ZoneKind>
    /// The documented answer values, in catalog order.
    public var codes: [(range: CodeRange, meaning: CodeMeaning)]
    /// What an undocumented 127/8 value is: a listing (RFC default) or an unknown verdict.
    public var undocumentedCodesAreListings: Bool
    /// Whether the zone publishes TXT reasons.
    public var publishesTXT: Bool
    /// Lookup page, with `{target}`.
    public var lookupURL: String?
    /// Delisting page, with `{target}`.
    public var delistURL: String?
    /// The dataset name the Spamhaus Web Query Service knows this zone by (`ZEN`, `XBL`, …), when it does.
    public var wqsDataset: String?
    /// The list's home page.
    public var homepage: String?
    /// How the list may be used.
    public var access: Access
    /// A note on access, such as how to register.
    public var accessNote: String?
    /// Published usage limits.
    public var limits: Limits?
    /// Whether the list still works.
    public var status: Status
    /// Selection tags (`default`, `aggressive`, …).
    public var tags: Set<String>
    /// Which test entries the zone serves.
    public var selfTest: SelfTest
    /// Free text.
    public var note: String?

    /// Creates a zone; everything but its identity and keys has the RFC 5782 defaults.
    public init(
        id: String,
        name: String,
        zoneTemplate: String,
        kinds: Set<ZoneKind>,
        codes: [(range: CodeRange, meaning: CodeMeaning)] = [],
        undocumentedCodesAreListings: Bool = true,
        publishesTXT: Bool = false,
        lookupURL: String? = nil,
        delistURL: String? = nil,
        wqsDataset: String? = nil,
        homepage: String? = nil,
        access: Access = .free,
        accessNote: String? = nil,
        limits: Limits? = nil,
        status: Status = .active,
        tags: Set<String> = [],
        selfTest: SelfTest = .rfc5782,
        note: String? = nil
    ) {
        self.id = id
        self.name = name
        self.zoneTemplate = zoneTemplate
        self.kinds = kinds
        self.codes = codes
        self.undocumentedCodesAreListings = undocumentedCodesAreListings
        self.publishesTXT = publishesTXT
        self.lookupURL = lookupURL
        self.delistURL = delistURL
        self.wqsDataset = wqsDataset
        self.homepage = homepage
        self.access = access
        self.accessNote = accessNote
        self.limits = limits
        self.status = status
        self.tags = tags
        self.selfTest = selfTest
        self.note = note
    }

    /// Whether the zone is defunct.
    public var isDefunct: Bool {
        if case .defunct = status { return true }
        return false
    }

    /// The meaning of an A-record value, falling back to the RFC 5782 defaults.
    ///
    /// - Returns: the documented meaning; for an undocumented value, a refusal inside
    ///   127.255.255.0/24, otherwise a listing (or `nil` when the zone says undocumented values are
    ///   unknown). 127.0.0.1 and values outside 127/8 are never passed here.
    public func meaning(of code: IPv4Address) -> CodeMeaning? {
        if let entry = codes.first(where: { $0.range.contains(code) }) { return entry.meaning }
        if code.value & 0xFFFF_FF00 == 0x7FFF_FF00 { return .undocumentedRefusal }
        return undocumentedCodesAreListings ? .undocumentedListing : nil
    }

    /// The zone's DNS name, with the DQS key filled in.
    /// - Parameter key: the key for `{key}`, when the zone needs one.
    /// - Returns: the absolute zone name, or `nil` when the zone needs a key and none was given.
    public func dnsName(key: String?) -> DomainName? {
        var text = zoneTemplate
        if text.contains("{key}") {
            guard let key, !key.isEmpty else { return nil }
            text = text.replacing("{key}", with: key)
        }
        return try? DomainName(text)
    }
}
