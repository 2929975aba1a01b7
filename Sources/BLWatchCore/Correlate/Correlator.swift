import DNSWire

/// Compares a run's observations with the open listing episodes. Pure: values in, values out.
///
/// A listed verdict opens an episode or continues one; a clean verdict on a pair the run covered
/// closes one; an unknown verdict does neither, so a dead resolver never "delists" anything.
public enum Correlator {
    /// Correlates a run.
    /// - Parameters:
    ///   - open: the episodes open before the run.
    ///   - observations: the run's listed and unknown observations (clean ones may be included).
    ///   - plan: what the run queried; episodes outside it stay as they are.
    /// - Returns: new and closed episodes, and the continuing ones.
    public static func correlate(open: [ListingRecord], observations: [Observation], plan: ScanPlan) -> Correlation {
        var correlation = Correlation()
        // Index, not copies: a large scan can hold tens of thousands of open episodes.
        var openIndex: [ListingPair: Int] = [:]
        openIndex.reserveCapacity(open.count)
        for (index, episode) in open.enumerated() {
            openIndex[ListingPair(subject: episode.subject, zoneID: episode.zoneId)] = index
        }
        var decided = [Bool](repeating: false, count: open.count)
        for observation in observations {
            if case .clean = observation.verdict { continue }
            let index = openIndex[ListingPair(subject: observation.subject.description, zoneID: observation.zoneID)]
            if let index { decided[index] = true }
            guard case .listed = observation.verdict else { continue }
            if let index {
                // Seen again: only a change of codes or reason is worth a write.
                let episode = open[index]
                if episode.codes != observation.listingCodesText || (observation.txt ?? episode.txt) != episode.txt {
                    correlation.continuing.append((episode, observation))
                }
            } else {
                correlation.changes.append(.listed(observation))
            }
        }
        for (index, episode) in open.enumerated() where !decided[index] {
            guard let subject = Subject(episode.subject), plan.covers(subject, zoneID: episode.zoneId) else { continue }
            correlation.changes.append(.delisted(episode))
        }
        return correlation
    }
}

/// A (subject, zone) pair as the history stores it, for indexing episodes and observations.
struct ListingPair: Hashable {
    let subject: String
    let zoneID: String
}

extension Observation {
    /// The listing codes as stored in an episode: `127.0.0.2,127.0.0.4`; empty unless listed.
    var listingCodesText: String {
        guard case .listed(let codes) = verdict else { return "" }
        return codes.map { $0.code.description }.joined(separator: ",")
    }
}
