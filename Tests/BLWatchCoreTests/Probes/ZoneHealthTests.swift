import DNSWire
import Testing

@testable import BLWatchCore

/// How the two RFC 5782 probe verdicts decide a zone's health.
struct ZoneHealthTests {
    static let listed = Verdict.listed([ListingCode(code: IPv4Address(127, 0, 0, 2), meaning: .undocumentedListing)])

    @Test func healthyZone() {
        #expect(ZoneHealthChecker.problem(listedProbe: Self.listed, notListedProbe: .clean) == nil)
    }

    @Test func emptiedZoneIsUnhealthy() {
        #expect(ZoneHealthChecker.problem(listedProbe: .clean, notListedProbe: .clean) == .testEntryMissing)
    }

    @Test func wildcardZoneIsUnhealthy() {
        #expect(
            ZoneHealthChecker.problem(listedProbe: Self.listed, notListedProbe: Self.listed)?.token == "listsEverything"
        )
        #expect(
            ZoneHealthChecker.problem(
                listedProbe: .unknown(.reservedTestAnswer),
                notListedProbe: .unknown(.reservedTestAnswer)
            )?.token == "listsEverything"
        )
    }

    @Test func refusalIsAResolverProblem() {
        let refusal = Verdict.unknown(
            .listError(code: IPv4Address(127, 255, 255, 254), cause: .openResolver, meaning: "open resolver")
        )
        let problem = ZoneHealthChecker.problem(listedProbe: refusal, notListedProbe: refusal)
        #expect(problem?.token == "refused")
        #expect(problem?.isResolverProblem == true)
    }

    @Test func rewrittenNXDOMAINIsAResolverProblem() {
        let problem = ZoneHealthChecker.problem(
            listedProbe: Self.listed,
            notListedProbe: .unknown(.answerOutsideLoopback(IPv4Address(198, 51, 100, 7)))
        )
        #expect(problem == .rewritten(IPv4Address(198, 51, 100, 7)))
        #expect(problem?.isResolverProblem == true)
    }

    @Test func unreachableZone() {
        #expect(
            ZoneHealthChecker.problem(
                listedProbe: .unknown(.lookupFailed(.timeout)),
                notListedProbe: .unknown(.lookupFailed(.timeout))
            )?.token == "unreachable"
        )
        #expect(
            ZoneHealthChecker.problem(
                listedProbe: Self.listed,
                notListedProbe: .unknown(.responseCode(.serverFailure))
            )?.token == "unreachable"
        )
    }

    @Test func zonesWithoutTestEntriesAreTrustedOnlyForWhatTheyServe() {
        #expect(ZoneHealthChecker.problem(listedProbe: nil, notListedProbe: .clean) == nil)
        #expect(ZoneHealthChecker.problem(listedProbe: nil, notListedProbe: Self.listed)?.token == "listsEverything")
    }
}
