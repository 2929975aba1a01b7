import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// Which sources are asked about which episodes, how WQS numbers read, and how page text is capped.
struct ReasonRequestTests {
    static let episode = ListingRecord(
        id: 7,
        subject: "192.0.2.83",
        zoneId: "zen",
        codes: "127.0.0.4",
        meanings: "",
        txt: nil,
        firstSeenAt: Date(),
        lastSeenAt: Date(),
        clearedAt: nil,
        openedRunId: 1,
        lastSeenRunId: 1,
        clearedRunId: nil
    )

    static func catalog() -> Catalog {
        var zen = AnswerClassifierTests.zone
        zen.lookupURL = "https://check.example/results?query={target}"
        zen.wqsDataset = "ZEN"
        var plain = AnswerClassifierTests.zone
        plain.id = "plain"
        return Catalog(zones: [zen, plain], source: "test")
    }

    @Test func pagesNeedALookupURLAndWQSNeedsAKeyAndADataset() {
        var other = Self.episode
        other.zoneId = "plain"
        var settings = ReasonSettings()
        let withKey = ReasonRequest.requests(
            pages: [Self.episode, other],
            wqs: [Self.episode, other],
            catalog: Self.catalog(),
            settings: settings,
            hasKey: true
        )
        #expect(
            withKey.map(\.url) == [
                "https://check.example/results?query=192.0.2.83",
                "https://apibl.spamhaus.net/lookup/v1/ZEN/192.0.2.83",
            ]
        )
        #expect(withKey.map(\.host) == ["check.example", "apibl.spamhaus.net"])
        let noKey = ReasonRequest.requests(
            pages: [Self.episode],
            wqs: [Self.episode],
            catalog: Self.catalog(),
            settings: settings,
            hasKey: false
        )
        #expect(noKey.map(\.source) == [.page])
        settings.fetchPages = false
        #expect(ReasonRequest.zoneIDs(for: .page, catalog: Self.catalog(), settings: settings, hasKey: true).isEmpty)
        #expect(ReasonRequest.zoneIDs(for: .wqs, catalog: Self.catalog(), settings: settings, hasKey: true) == ["zen"])
    }

    @Test(arguments: [
        ("http://user:pw@Example.NET:8080/x?y", "example.net:8080"),
        ("https://check.spamhaus.org/results?query=1", "check.spamhaus.org"),
        ("no-scheme", "no-scheme"),
    ])
    func hostsAreCountedWithoutCredentials(url: String, host: String) {
        var request = ReasonRequest(episode: Self.episode, zone: AnswerClassifierTests.zone, source: .page, url: url)
        request.url = url
        #expect(request.host == host)
    }

    @Test func wqsNumbersBecomeCodesWithTheirLists() throws {
        let body = Array(#"{"resp":[1004,1002,2002,99999],"status":200}"#.utf8)
        let codes = try #require(SpamhausWQSQuery.codes(in: body))
        #expect(codes == [1004, 1002, 2002, 99999])
        #expect(
            SpamhausWQSQuery.describe(codes, zone: AnswerClassifierTests.zone)
                == "127.0.0.4 XBL, 127.0.0.2 SBL, 127.0.1.2, 99999"
        )
        #expect(SpamhausWQSQuery.codes(in: Array("<html>".utf8)) == nil)
        #expect(SpamhausWQSQuery.codes(in: Array(#"{"status":200}"#.utf8)) == nil)
    }

    @Test func storedPageTextIsCappedOnACharacterBoundary() {
        let text = String(repeating: "é", count: ReasonSettings.storedTextLimit)
        let capped = PageReasonFetcher.capped(text)
        #expect(capped.hasSuffix("[… cut at \(ReasonSettings.storedTextLimit) bytes]"))
        #expect(capped.utf8.count < ReasonSettings.storedTextLimit + 64)
        #expect(capped.hasPrefix("éé"))
        #expect(PageReasonFetcher.capped("short") == "short")
    }
}
