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
        var openByKey: [String: ListingRecord] = [:]
        for episode in open { openByKey[key(episode.subject, episode.zoneId)] = episode }
        var decided: Set<String> = []
        for observation in observations {
            let pairKey = key(observation.subject.description, observation.zoneID)
            switch observation.verdict {
            case .listed:
                decided.insert(pairKey)
                if let episode = openByKey[pairKey] {
                    correlation.continuing.append((episode, observation))
                } else {
                    correlation.changes.append(.listed(observation))
                }
            case .unknown:
                decided.insert(pairKey)
            case .clean:
                continue
            }
        }
        for episode in open where !decided.contains(key(episode.subject, episode.zoneId)) {
            guard let subject = Subject(episode.subject),
                plan.covers(subject, zoneID: episode.zoneId)
            else { continue }
            correlation.changes.append(.delisted(episode))
        }
        return correlation
    }

    private static func key(_ subject: String, _ zoneID: String) -> String { subject + "|" + zoneID }
}
