import Foundation
import Testing

@testable import BLWatchCore

/// Subjects that sort well in an inbox, and digests that say what, since when, why and how to fix.
struct AlertComposerTests {
    static let since = Date(timeIntervalSince1970: 1_795_950_000)

    static let listed = AlertEvent(
        kind: .listed,
        title: "192.0.2.83 listed on Spamhaus XBL",
        subject: "192.0.2.83",
        zoneId: "spamhaus-zen",
        zoneName: "Spamhaus ZEN",
        codes: [
            .init(code: "127.0.0.4", meaning: "exploited host", list: "XBL", action: "fix the HELO, then self-delist")
        ],
        txt: "https://www.spamhaus.org/query/ip/192.0.2.83",
        since: since,
        episodeId: 7,
        delistURL: "https://check.example/192.0.2.83"
    )

    static let reason = ListingReasonRecord(
        listingId: 7,
        source: .page,
        url: "https://check.example/results?query=192.0.2.83",
        httpStatus: 200,
        fetchedAt: since,
        extract: ReasonExtract(
            pageVerdict: .listed,
            reasons: ["This IP sent mail with an empty HELO."],
            detectedAt: ["2026-11-29 10:15:00 UTC"],
            heloValues: ["(empty)"],
            delistURL: "https://check.example/delist?ip=192.0.2.83"
        )
    )

    @Test func oneChangeNamesItAndSeveralAreCounted() {
        let one = AlertComposer(events: [Self.listed], reasons: [:], host: "mx")
        #expect(one.subject == "[blwatch] 192.0.2.83 listed on Spamhaus XBL")
        var delisted = Self.listed
        delisted.kind = .delisted
        let zone = AlertEvent(kind: .zoneUnhealthy, title: "zone psbl (ipv4) failed its health probes")
        let three = AlertComposer(events: [Self.listed, delisted, zone], reasons: [:], host: "mx")
        #expect(three.subject == "[blwatch] 3 changes: 1 listed, 1 delisted, 1 zone unhealthy")
    }

    @Test func theDigestCarriesCodesReasonHELOAndTheDelistLink() {
        let composer = AlertComposer(events: [Self.listed], reasons: [7: [Self.reason]], host: "mx.example.net")
        let text = composer.text
        for expected in [
            "blwatch on mx.example.net: 1 change in the last scan",
            "NEW LISTING  192.0.2.83 listed on Spamhaus XBL (spamhaus-zen)",
            "  code:      127.0.0.4 XBL: exploited host", "  fix:       fix the HELO, then self-delist",
            "  why:       This IP sent mail with an empty HELO.", "  HELO seen: (empty)",
            "  detected:  2026-11-29 10:15:00 UTC",
            // The page's own delist link wins over the catalog's.
            "  delist:    https://check.example/delist?ip=192.0.2.83",
        ] {
            #expect(text.contains(expected), "\(expected) missing from\n\(text)")
        }
        #expect(composer.html.contains("<a href=\"https://check.example/delist?ip=192.0.2.83\">"))
        let noReason = AlertComposer(events: [Self.listed], reasons: [:], host: "mx").text
        #expect(noReason.contains("  delist:    https://check.example/192.0.2.83"))
    }

    @Test func htmlIsEscaped() {
        var event = Self.listed
        event.txt = "<script>alert(1)</script>"
        let html = AlertComposer(events: [event], reasons: [:], host: "mx").html
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
    }

    @Test func listNamesPreferTheSubListOfTheCode() {
        #expect(AlertEvent.listName(zoneName: "Spamhaus ZEN", lists: ["XBL"]) == "Spamhaus XBL")
        #expect(
            AlertEvent.listName(zoneName: "Passive Spam Block List (PSBL)", lists: ["PSBL"])
                == "Passive Spam Block List (PSBL)"
        )
        #expect(AlertEvent.listName(zoneName: "DroneBL", lists: []) == "DroneBL")
        #expect(AlertEvent.listName(zoneName: "Mailspike", lists: ["L5"]) == "Mailspike (L5)")
    }
}

/// A digest of thousands of changes spells out the first ones and counts the rest.
struct LargeDigestTests {
    @Test func beyondTheLimitChangesAreCounted() throws {
        let events = (0..<130).map { index in
            var event = AlertComposerTests.listed
            event.title = "192.0.2.\(index) listed on Spamhaus XBL"
            event.episodeId = nil
            if index >= 120 { event.kind = .delisted }
            return event
        }
        let composer = AlertComposer(events: events, reasons: [:], host: "mx")
        let text = composer.text
        #expect(text.components(separatedBy: "NEW LISTING  ").count - 1 == AlertComposer.detailedLimit)
        #expect(
            text.contains(
                "… and 80 more changes (70 listed, 10 delisted): blwatch status and blwatch history list them all"
            )
        )
        #expect(composer.subject == "[blwatch] 130 changes: 120 listed, 10 delisted")
        let body = try JSONSerialization.jsonObject(with: Data(composer.webhookBody(.generic))) as? [String: Any]
        #expect(body?["totalEvents"] as? Int == 130)
        #expect((body?["events"] as? [Any])?.count == AlertComposer.detailedLimit)
    }
}
