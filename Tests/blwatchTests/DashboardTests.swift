import BLWatchTestSupport
import Foundation
import Testing

/// The static dashboard in deploy/dashboard, served over real HTTP and rendered by headless Chromium.
@Suite(.enabled(if: Tool.required("chromium")))
struct DashboardTests {
    /// feed-listed.json, dated three minutes ago so that it is fresh.
    static func listedFeed() throws -> String {
        try DashboardPage.shifted(try DashboardPage.fixture("feed-listed.json"), age: .seconds(180))
    }

    @Test func listedFeedShowsEveryListing() async throws {
        let dom = try await DashboardPage.dom(feed: try Self.listedFeed())
        #expect(dom.isReady)
        let listings = dom.elements("listing").map {
            "\($0.attributes["data-target"] ?? "")/\($0.attributes["data-zone"] ?? "")"
        }
        #expect(listings == ["192.0.2.3/spamhaus-zen", "192.0.2.3/psbl", "198.51.100.7/spamcop"])
        #expect(dom.element("listing-count")?.text == "3")
        // Dated 3 min ago when the page was built; a headless browser on two loaded cores can take
        // most of a minute to render it, so the next minute is as right.
        #expect(["updated 3 min ago", "updated 4 min ago"].contains(dom.element("feed-age")?.text ?? ""))
        #expect(dom.elements("stale-warning").isEmpty)
        #expect(dom.elements("error").isEmpty)

        let helo = try #require(dom.element("listing", ["data-zone": "spamhaus-zen"]))
        #expect(helo.inner.contains(#"<code class="helo">(empty)</code>"#))
        let unavailable = try #require(dom.element("listing", ["data-zone": "psbl"]))
        #expect(unavailable.text.contains("reason unavailable: HTTP 503 from psbl.org (rate limited)"))
        // An empty string among the HELO values is shown as "(empty)" too.
        let spamcop = try #require(dom.element("listing", ["data-zone": "spamcop"]))
        #expect(spamcop.inner.contains(#"<code class="helo">(empty)</code>"#))
    }

    @Test func unknownVerdictsZonesAndEpisodes() async throws {
        let dom = try await DashboardPage.dom(feed: try Self.listedFeed())
        let unknown = dom.elements("unknown")
        #expect(unknown.map { $0.attributes["data-zone"] } == ["dronebl"])
        #expect(unknown.first?.text.contains("timeout") == true)
        #expect(unknown.first?.text.contains("listed") == false)

        let rows = dom.elements("zone-row")
        #expect(rows.count == 6)
        #expect(dom.element("zone-row", ["data-zone": "mailspike"])?.attributes["data-state"] == "unhealthy")
        #expect(dom.element("zone-row", ["data-zone": "mailspike"])?.text.contains("testEntryMissing") == true)
        #expect(dom.element("zone-row", ["data-zone": "spamhaus-dbl"])?.attributes["data-state"] == "untested")

        // Three open listings, each an open episode, and two closed ones (one began before the window).
        let episodes = dom.elements("episode")
        #expect(episodes.count == 5)
        #expect(episodes.filter { $0.attributes["data-open"] == "true" }.count == 3)
        for episode in episodes {
            let style = episode.attributes["style"] ?? ""
            #expect(style.contains(/left: [0-9.]+%; width: [0-9.]+%/), "\(style)")
        }
    }

    @Test func linksAuditAndEventOrder() async throws {
        let dom = try await DashboardPage.dom(feed: try Self.listedFeed())
        let delist = "https://check.spamhaus.org/listed/?searchterm=192.0.2.3"
        let links = dom.html.matches(of: /<a\b[^>]*>/).map { String($0.output) }
        let link = try #require(links.first { $0.contains(#"href="\#(delist)""#) })
        #expect(link.contains(#"rel="noopener noreferrer""#))
        // The javascript: delist URL is shown as text, never as a link.
        #expect(!links.contains { $0.contains("javascript:") })
        #expect(dom.element("listing", ["data-zone": "spamcop"])?.text.contains("javascript:alert") == true)

        #expect(dom.element("finding", ["data-severity": "error"])?.text.contains("Fix: Set smtp_helo_name") == true)
        #expect(dom.elements("finding").count == 2)
        #expect(dom.html.contains("that is why Spamhaus XBL lists it"))

        let times = dom.elements("event").compactMap {
            $0.inner.firstMatch(of: /datetime="([^"]+)"/).map { String($0.1) }
        }
        #expect(times.count == 6)
        #expect(times == times.sorted(by: >))
    }

    @Test func feedTextIsEscaped() async throws {
        let dom = try await DashboardPage.dom(feed: try Self.listedFeed())
        #expect(dom.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!dom.html.contains("<script>alert(1)"))
        #expect(dom.html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!dom.html.contains("<img"))
    }

    @Test func emptyFeedSaysNoScanYet() async throws {
        let dom = try await DashboardPage.dom(feed: try DashboardPage.fixture("feed-empty.json"))
        #expect(dom.isReady)
        #expect(dom.elements("listing").isEmpty)
        #expect(dom.elements("episode").isEmpty)
        #expect(dom.element("listing-count")?.text == "0")
        #expect(dom.element("no-scan")?.text.contains("No scan yet") == true)
        #expect(dom.html.contains("No scan yet, so no listings to show."))
        #expect(dom.elements("error").isEmpty)
    }

    @Test func scanWithoutListingsSaysSoInGreen() async throws {
        let feed = try DashboardPage.shifted(try DashboardPage.fixture("feed-stale.json"), age: .seconds(60))
        let dom = try await DashboardPage.dom(feed: feed)
        let none = try #require(dom.element("no-listings"))
        #expect(none.text == "✓ No open listings")
        #expect(dom.html.contains(#"class="notice notice-good" data-testid="no-listings""#))
        #expect(dom.elements("stale-warning").isEmpty)
    }

    @Test func oldFeedIsStale() async throws {
        let dom = try await DashboardPage.dom(feed: try DashboardPage.fixture("feed-stale.json"))
        #expect(dom.isReady)
        #expect(dom.element("stale-warning")?.text.contains("STALE") == true)
    }

    @Test func staleLimitComesFromTheQuery() async throws {
        let dom = try await DashboardPage.dom(feed: try Self.listedFeed(), query: "?staleMinutes=1")
        let warning = dom.element("stale-warning")?.text ?? ""
        #expect(["3", "4"].contains { warning.contains("feed.json is \($0) min old (limit 1 min)") }, "\(warning)")
    }

    @Test(arguments: [
        (nil, "feed.json could not be loaded: HTTP 404"),
        ("{\"schemaVersion\": 1,", "feed.json could not be loaded: it is not valid JSON"),
    ])
    func unreadableFeedShowsAnError(feed: String?, message: String) async throws {
        let dom = try await DashboardPage.dom(feed: feed)
        #expect(dom.isReady)
        let error = try #require(dom.element("error"))
        #expect(error.text.contains(message), "\(error.text)")
        #expect(dom.elements("listing").isEmpty)
    }

    @Test(arguments: [("dashboard-laptop.png", 1280, 900), ("dashboard-phone.png", 390, 844)])
    func screenshot(name: String, width: Int, height: Int) async throws {
        let png = try await DashboardPage.screenshot(
            feed: try Self.listedFeed(),
            name: name,
            width: width,
            height: height
        )
        #expect(png.count > 10_000)
        #expect(png.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        let size = { (offset: Int) in png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(png.count > 24 && size(16) == width && size(20) == height)
    }
}
