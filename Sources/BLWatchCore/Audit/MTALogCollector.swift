/// Gathers the events of every file, then counts them into an ``MTALogReport``.
///
/// Counting waits until every file is read because a message's sender may be logged after its
/// refusal (Postfix's bounce notice) or in another file (a rotated log). Messages are remembered
/// by the hash of their key in two sets, so a large log costs 8 bytes per message, not a string.
struct MTALogCollector {
    /// A refusal kept for counting.
    private struct Kept {
        var cause: MTALogReport.Cause
        var remote: String
        var day: String
        var message: Int?
    }

    /// A refusal kept as evidence for its finding.
    struct Evidence {
        var line: String
        /// The refusal text, a suffix of `line`, kept whole when the line is shortened.
        var focus: String
        /// The message or queue id as logged, so a shortened line still shows it.
        var id: String?
        var remote: String
        var message: Int?
        var mta: MTARejection.MTA
        var file: String
    }

    /// The kind of a refused message.
    enum Kind {
        case bounce
        case normal
        case unknown
    }

    private static let dedupeWindow = 5
    private static let evidencePerCause = 30

    private var bounces: Set<Int> = []
    private var normals: Set<Int> = []
    private var kept: [Kept] = []
    private var lastSeen: [String: (day: String, seconds: Int)] = [:]
    private(set) var evidence: [MTALogReport.Cause: [Evidence]] = [:]
    private(set) var remotes: [MTALogReport.Cause: Set<String>] = [:]
    private(set) var listedAddresses: [String] = []
    private(set) var lists: [String] = []

    /// Takes one event read from `file`.
    mutating func add(_ event: MTALogEvent, file: String) {
        switch event {
        case .sender(let message, let isNull):
            if isNull { bounces.insert(message.hashValue) } else { normals.insert(message.hashValue) }
        case .rejection(let rejection):
            add(rejection, file: file)
        }
    }

    private mutating func add(_ rejection: MTARejection, file: String) {
        let key = "\(rejection.message ?? "-")|\(rejection.remoteIP ?? rejection.remote)|\(rejection.cause.rawValue)"
        if let last = lastSeen[key], last.day == rejection.day,
            abs(last.seconds - rejection.seconds) <= Self.dedupeWindow
        {
            return
        }
        lastSeen[key] = (rejection.day, rejection.seconds)
        let message = rejection.message?.hashValue
        remotes[rejection.cause, default: []].insert(rejection.remote)
        kept.append(Kept(cause: rejection.cause, remote: rejection.remote, day: rejection.day, message: message))
        if evidence[rejection.cause, default: []].count < Self.evidencePerCause {
            let item = Evidence(
                line: rejection.line,
                focus: rejection.text,
                id: rejection.message.map { String($0.drop { $0 != ":" }.dropFirst()) },
                remote: rejection.remote,
                message: message,
                mta: rejection.mta,
                file: file
            )
            evidence[rejection.cause, default: []].append(item)
        }
        if rejection.cause == .blocklist { noteListing(rejection) }
    }

    private mutating func noteListing(_ rejection: MTARejection) {
        for address in MTARejectionText.addresses(in: rejection.text)
        where address != rejection.remoteIP && !listedAddresses.contains(address) && listedAddresses.count < 20 {
            listedAddresses.append(address)
        }
        for name in MTARejectionText.lists(in: rejection.text) where !lists.contains(name) && lists.count < 20 {
            lists.append(name)
        }
    }

    /// The kind of a message, by the hash of its key.
    func kind(of message: Int?) -> Kind {
        guard let message else { return .unknown }
        if bounces.contains(message) { return .bounce }
        return normals.contains(message) ? .normal : .unknown
    }

    /// Fills the tallies of `report`.
    func count(into report: inout MTALogReport) {
        var causes: [String: MTALogReport.Tally] = [:]
        var remotes: [String: MTALogReport.Tally] = [:]
        var days: [String: MTALogReport.Tally] = [:]
        var total = MTALogReport.Tally(key: "total")
        for item in kept {
            let kind = kind(of: item.message)
            Self.bump(&causes[item.cause.rawValue, default: .init(key: item.cause.rawValue)], kind)
            Self.bump(&remotes[item.remote, default: .init(key: item.remote)], kind)
            Self.bump(&days[item.day, default: .init(key: item.day)], kind)
            Self.bump(&total, kind)
        }
        report.byCause = MTALogReport.Cause.allCases.compactMap { causes[$0.rawValue] }
        report.byRemote = remotes.values.sorted { ($0.rejections, $1.key) > ($1.rejections, $0.key) }
        report.byDay = days.values.sorted { $0.key < $1.key }
        report.total = total
        report.listedAddresses = listedAddresses
        report.lists = lists
    }

    private static func bump(_ tally: inout MTALogReport.Tally, _ kind: Kind) {
        tally.rejections += 1
        switch kind {
        case .bounce: tally.bounces += 1
        case .normal: tally.normal += 1
        case .unknown: tally.unknown += 1
        }
    }
}
