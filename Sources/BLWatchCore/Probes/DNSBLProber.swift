public import DNSWire

/// Asks one zone about one subject: the A query for the verdict, then TXT for the reason of a listing.
public struct DNSBLProber: Sendable {
    private let resolver: any Resolver

    /// Creates a prober that queries through `resolver`.
    public init(resolver: any Resolver) {
        self.resolver = resolver
    }

    /// Probes `subject` on `zone`.
    /// - Parameters:
    ///   - subject: the address or domain.
    ///   - zone: the catalog zone.
    ///   - name: the zone's DNS name (key filled in).
    ///   - fetchReason: ask for the TXT reason of a listing (health probes need only the verdict).
    /// - Returns: the observation; failures are unknown verdicts, never errors.
    public func probe(_ subject: Subject, zone: Zone, name: DomainName, fetchReason: Bool = true) async -> Observation {
        guard let query = try? subject.queryName(in: name) else {
            return Observation(
                subject: subject,
                zoneID: zone.id,
                verdict: .unknown(.lookupFailed(.malformed("query name longer than 255 bytes")))
            )
        }
        let lookup = await resolver.lookup(query, .a)
        let (verdict, answers) = AnswerClassifier.classify(lookup, name: query, zone: zone)
        var observation = Observation(
            subject: subject,
            zoneID: zone.id,
            verdict: verdict,
            answers: answers,
            responseCode: lookup.responseCode,
            server: lookup.server,
            duration: lookup.duration
        )
        if fetchReason && verdict.isListed && zone.publishesTXT {
            observation.txt = AnswerClassifier.text(in: await resolver.lookup(query, .txt), for: query)
        }
        return observation
    }
}

extension Lookup {
    /// The response code, when a response came.
    var responseCode: ResponseCode? {
        if case .response(let message) = outcome { return message.header.responseCode }
        return nil
    }
}
