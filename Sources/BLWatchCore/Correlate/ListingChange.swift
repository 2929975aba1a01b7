/// A change in listing state that a run detected: what alerts and the feed report.
public enum ListingChange: Sendable {
    /// A subject became listed on a zone: a new episode.
    case listed(Observation)
    /// A zone answered clean for a subject with an open episode: the episode is closed.
    case delisted(ListingRecord)
}

/// How a run's observations relate to the open episodes.
public struct Correlation: Sendable {
    /// New and closed episodes.
    public var changes: [ListingChange] = []
    /// Open episodes seen listed again with other codes or another reason, with the new sighting.
    public var continuing: [(episode: ListingRecord, observation: Observation)] = []
}
