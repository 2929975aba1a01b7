import Foundation
import Testing

@testable import BLWatchCore

/// The extract value: emptiness, the summary line and stored JSON.
struct ReasonExtractorValueTests {
    @Test func emptyExtract() {
        let extract = ReasonExtract(pageVerdict: .listed, links: ["https://example.org/"])
        #expect(extract.isEmpty)
        #expect(extract.summary.isEmpty)
        #expect(!ReasonExtract(delistURL: "https://example.org/delist").isEmpty)
    }

    @Test func summaryShortensTheReason() {
        let reason = String(repeating: "word ", count: 60) + "end."
        let extract = ReasonExtract(
            pageVerdict: .listed,
            reasons: [reason],
            detectedAt: ["yesterday", "2026-11-29 10:15 UTC", "2026-11-28 10:15 UTC"]
        )
        let summary = extract.summary
        #expect(summary.hasPrefix("last detected 2026-11-29 10:15 UTC; word word"))
        #expect(summary.hasSuffix("word…"))
        #expect(summary.count <= "last detected 2026-11-29 10:15 UTC; ".count + 120)
    }

    @Test func codableRoundTripAndMissingFields() throws {
        let extract = ReasonExtract(
            pageVerdict: .listed,
            reasons: ["r"],
            detectedAt: ["2026-11-29 10:15:00 UTC"],
            heloValues: ["(empty)"],
            threats: ["Cutwail"],
            delistURL: "https://example.org/delist",
            links: ["https://example.org/"]
        )
        let data = try JSONEncoder().encode(extract)
        #expect(try JSONDecoder().decode(ReasonExtract.self, from: data) == extract)
        let old = try JSONDecoder().decode(ReasonExtract.self, from: Data(#"{"pageVerdict":"notListed"}"#.utf8))
        #expect(old == ReasonExtract(pageVerdict: .notListed))
    }
}
