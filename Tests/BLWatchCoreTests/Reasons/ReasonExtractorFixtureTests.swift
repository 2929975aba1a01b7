import Testing

@testable import BLWatchCore

/// What the extractor reads from saved lookup pages in the styles of DOMAIN.md §2.3 and §3.
struct ReasonExtractorFixtureTests {
    @Test func spamhausCheckResultWithEmptyHELO() throws {
        let page = try PageFixture.page(
            "spamhaus-listed-helo",
            url: "https://check.spamhaus.org/results/?query=192.0.2.83"
        )
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.83")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.heloValues == ["(empty)", "mail.example.net"])
        #expect(
            extract.detectedAt == ["2026-11-29 10:15:00 UTC", "2026-11-29 04:02:11 UTC", "2026-11-27 18:40:00 UTC"]
        )
        #expect(extract.threats.isEmpty)
        #expect(extract.delistURL == "https://check.spamhaus.org/delist/?ip=192.0.2.83&list=xbl")
        #expect(extract.reasons.count == 2)
        #expect(
            extract.reasons.first?.hasPrefix("This IP address was observed sending email with an empty HELO") == true
        )
        #expect(extract.reasons.allSatisfy { !$0.contains("cookie") && !$0.contains("must") && !$0.contains("PBL") })
        #expect(
            extract.summary
                == "HELO \"(empty)\", \"mail.example.net\"; last detected 2026-11-29 10:15:00 UTC; "
                + "This IP address was observed sending email with an empty HELO value (the SMTP greeting carried no host name "
                + "at all)."
        )
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == nil)
    }

    @Test func spamhausPageTextDropsScriptsAndKeepsRows() throws {
        let page = try PageFixture.page(
            "spamhaus-listed-helo",
            url: "https://check.spamhaus.org/results/?query=192.0.2.83"
        )
        #expect(page.title == "Check results for 192.0.2.83 | The Spamhaus Project")
        #expect(page.scriptCount == 4)
        #expect(!page.text.contains("gtag") && !page.text.contains("is not listed") && !page.text.contains("content:"))
        #expect(page.text.contains("192.0.2.83 2026-11-29 10:15:00\n192.0.2.83 2026-11-29 04:02:11\n"))
        #expect(page.tableRows[1] == ["192.0.2.83", "2026-11-29 10:15:00", ""])
        #expect(!page.links.contains { $0.url.hasPrefix("javascript:") || $0.url.hasPrefix("mailto:") })
    }

    @Test func classicCBLLookup() throws {
        let page = try PageFixture.page("cbl-classic-listed", url: "http://www.abuseat.org/lookup.cgi?ip=192.0.2.84")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.84")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.heloValues == ["localhost"])
        #expect(extract.detectedAt == ["2026-11-28 22:40 UTC"])  // "Page generated … UTC" is not a detection
        #expect(extract.threats == ["Cutwail"])
        #expect(extract.delistURL == "http://www.abuseat.org/remove.cgi?ip=192.0.2.84")
        #expect(
            extract.reasons == [
                "This IP address is HELO'ing as \"localhost\" which violates the relevant standards (specifically: RFC5321).",
                "It appears to be infected with the Cutwail botnet, which sends large volumes of spam on behalf of its operators.",
            ]
        )
        #expect(
            extract.summary.hasPrefix("HELO \"localhost\"; last detected 2026-11-28 22:40 UTC; threat Cutwail; This IP")
        )
    }

    @Test func spamCopLookup() throws {
        let page = try PageFixture.page("spamcop-listed", url: "https://www.spamcop.net/bl.shtml?192.0.2.85")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.85")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.detectedAt == ["2026-11-26 14:00:00 UTC"])
        #expect(extract.heloValues.isEmpty && extract.threats.isEmpty)
        #expect(extract.delistURL == nil)  // "no need to request removal" is text, not a link
        #expect(extract.reasons.count == 1)
        #expect(extract.reasons.first?.contains("reported system(s) at this address") == true)
    }

    @Test func psblLookup() throws {
        let page = try PageFixture.page("psbl-listed", url: "https://psbl.org/listing?ip=192.0.2.86")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.86")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.detectedAt == ["2026-11-27 06:12 UTC"])
        #expect(extract.heloValues.isEmpty && extract.threats.isEmpty)
        #expect(extract.delistURL == "https://psbl.org/remove")  // a form with a "Remove …" button
        #expect(extract.reasons.first == "This IP address sent email to our spam traps.")
        #expect(extract.reasons.count == 3)
    }

    @Test func notListedDespiteHelpTextAboutListings() throws {
        let page = try PageFixture.page("not-listed", url: "https://check.spamhaus.org/results/?query=192.0.2.10")
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.10")
        #expect(extract == ReasonExtract(pageVerdict: .notListed))
        #expect(extract.isEmpty && extract.summary.isEmpty)
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == nil)
    }

    @Test func latin1PageWithAccentedReason() throws {
        let page = try PageFixture.page(
            "latin1-listed",
            url: "https://lookup.example.fr/verifier?ip=192.0.2.87",
            contentType: "text/html"
        )
        let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.87")
        #expect(extract.pageVerdict == .listed)
        #expect(extract.heloValues == ["mail.büro-müller.example"])
        #expect(extract.detectedAt == ["2026-11-28 09:30 UTC"])
        #expect(extract.delistURL == "https://lookup.example.fr/entfernen?ip=192.0.2.87")
        #expect(extract.reasons.first?.contains("envoyé des messages avec le HELO") == true)
        #expect(extract.reasons.first?.contains("12°C") == true)
    }

    @Test func challengeAndShellPagesGiveNothing() throws {
        for name in ["captcha", "javascript-only"] {
            let page = try PageFixture.page(name, url: "https://check.example.org/results/?query=192.0.2.1")
            let extract = ReasonExtractor.extract(from: page, subject: "192.0.2.1")
            #expect(extract.pageVerdict == .unclear && extract.isEmpty, "\(name)")
        }
    }
}
