import DNSWire
import Foundation

/// What the diagnosis weighs: open listings with their reasons, audit findings, captured HELOs,
/// and what DNS says the server's name should be.
public struct DiagnosisInput: Sendable {
    /// A listing with what is known of it.
    public struct Listing: Sendable {
        public var episode: ListingRecord
        public var reasons: [ListingReasonRecord]
        public var zone: Zone?

        /// `192.0.2.83 on spamhaus-zen (127.0.0.4 XBL)`.
        var label: String {
            let lists = codes.compactMap { code in zone?.meaning(of: code)?.list.map { "\(code) \($0)" } }
            return
                "\(episode.subject) on \(episode.zoneId) (\(lists.isEmpty ? episode.codes : lists.joined(separator: ", ")))"
        }

        var codes: [IPv4Address] { episode.codes.split(separator: ",").compactMap { IPv4Address(String($0)) } }

        /// The HELO values the lists' pages report.
        var heloValues: [String] { reasons.flatMap { $0.extract?.heloValues ?? [] } }

        /// Listed for behaviour that a bad HELO causes: an exploit/XBL/CBL/CSS code, or a page that
        /// reports the HELO values it saw. (A page that merely mentions HELO in its advice, as a PBL
        /// page does, is not enough: a policy listing is not caused by the greeting.)
        var isHELORelated: Bool {
            let exploit = codes.contains { code in
                let meaning = zone?.meaning(of: code)
                return meaning?.category == .exploit || ["XBL", "CBL", "CSS"].contains(meaning?.list ?? "")
            }
            return exploit || !heloValues.isEmpty
        }

        /// Listed for what reverse DNS decides: a policy (PBL-like) or CSS code, or a page about rDNS.
        var isReverseDNSRelated: Bool {
            codes.contains { code in
                let meaning = zone?.meaning(of: code)
                return meaning?.category == .policy || meaning?.list == "CSS"
            }
        }

        /// The page's delist link, else the catalog's.
        var delistURL: String? { ReasonText.delistURL(reasons, zone: zone, subject: episode.subject) }
    }

    public var listings: [Listing]
    public var findings: [AuditFindingRecord]
    public var captures: [HELOCapture]
    /// Per address, the name it should greet with: its PTR name, when that name's A/AAAA holds it.
    public var confirmedNames: [String: String]

    /// Creates the input.
    public init(
        listings: [Listing],
        findings: [AuditFindingRecord],
        captures: [HELOCapture],
        confirmedNames: [String: String]
    ) {
        self.listings = listings
        self.findings = findings
        self.captures = captures
        self.confirmedNames = confirmedNames
    }

    /// Open findings of these kinds.
    func findings(_ kinds: Set<String>) -> [AuditFindingRecord] { findings.filter { kinds.contains($0.kind) } }
}
