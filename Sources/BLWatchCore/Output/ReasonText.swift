import Foundation

/// The lines that say why a listing is listed, shared by `scan`, `status`, `history` and `reason`.
enum ReasonText {
    /// Lines for one episode's reasons, each starting with `indent`.
    /// - Parameters:
    ///   - reasons: the stored reasons, page first.
    ///   - zone: the episode's zone, for the catalog's delist page.
    ///   - subject: the episode's subject, for the delist page's `{target}`.
    ///   - detailed: every reason sentence and the source URL, for `blwatch reason`.
    static func lines(
        _ reasons: [ListingReasonRecord],
        zone: Zone?,
        subject: String,
        indent: String,
        detailed: Bool = false
    ) -> [String] {
        var out: [String] = []
        for reason in reasons {
            let from = reason.source == .wqs ? "Spamhaus WQS" : ReasonRequest.host(of: reason.url)
            guard let extract = reason.extract, reason.unavailable == nil, let sentence = extract.reasons.first else {
                out.append("\(indent)why (\(from), \(reason.fetchedAt.blwatchText)): \(reason.summary)")
                continue
            }
            let note = extract.pageVerdict == .notListed ? " (the page says it is not listed now)" : ""
            out.append("\(indent)why (\(from), \(reason.fetchedAt.blwatchText)): \(sentence)\(note)")
            if !extract.heloValues.isEmpty {
                out.append("\(indent)  HELO seen: \(extract.heloValues.joined(separator: ", "))")
            }
            if !extract.detectedAt.isEmpty {
                out.append("\(indent)  detected: \(extract.detectedAt.joined(separator: ", "))")
            }
            if !extract.threats.isEmpty { out.append("\(indent)  threats: \(extract.threats.joined(separator: ", "))") }
            guard detailed else { continue }
            for sentence in extract.reasons.dropFirst() { out.append("\(indent)  also: \(sentence)") }
        }
        if detailed {
            for reason in reasons {
                out.append("\(indent)source: \(reason.url)\(reason.httpStatus.map { " (HTTP \($0))" } ?? "")")
            }
        }
        if let delist = delistURL(reasons, zone: zone, subject: subject) { out.append("\(indent)delist: \(delist)") }
        return out
    }

    /// The page's own delist link, else the catalog's delist page with the subject filled in.
    static func delistURL(_ reasons: [ListingReasonRecord], zone: Zone?, subject: String) -> String? {
        reasons.lazy.compactMap { $0.extract?.delistURL }.first
            ?? zone?.delistURL?.replacing("{target}", with: subject)
    }

}
