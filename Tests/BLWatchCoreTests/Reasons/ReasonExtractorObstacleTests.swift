import Testing

@testable import BLWatchCore

/// Which responses cannot give a reason, and how that is described.
struct ReasonExtractorObstacleTests {
    static let url = "https://check.example.org/results/?query=192.0.2.83"

    @Test(arguments: [
        (429, PageObstacle.rateLimited, "rate limited (HTTP 429)"),
        (403, .forbidden, "forbidden (HTTP 403)"),
        (401, .forbidden, "forbidden (HTTP 403)"),
        (500, .httpStatus(500), "HTTP 500"),
        (404, .httpStatus(404), "HTTP 404"),
        (302, .httpStatus(302), "HTTP 302"),
    ])
    func statusDecidesFirst(status: Int, obstacle: PageObstacle, description: String) throws {
        let listed = try PageFixture.page("spamhaus-listed-helo", url: Self.url)
        #expect(ReasonExtractor.obstacle(status: status, page: listed) == obstacle)
        #expect(obstacle.description == description)
    }

    @Test func captchaFixture() throws {
        let page = try PageFixture.page("captcha", url: Self.url)
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == .captcha)
        #expect(ReasonExtractor.obstacle(status: 403, page: page) == .forbidden)  // status first
        #expect(PageObstacle.captcha.description == "captcha or bot challenge")
    }

    @Test func javascriptOnlyFixture() throws {
        let page = try PageFixture.page("javascript-only", url: Self.url)
        #expect(page.text.isEmpty && page.scriptCount == 2 && page.title == "Blocklist Lookup")
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == .javascriptOnly)
        #expect(PageObstacle.javascriptOnly.description == "page needs JavaScript")
    }

    @Test(arguments: ["spamhaus-listed-helo", "cbl-classic-listed", "spamcop-listed", "psbl-listed", "latin1-listed"])
    func readablePagesHaveNoObstacle(name: String) throws {
        #expect(ReasonExtractor.obstacle(status: 200, page: try PageFixture.page(name, url: Self.url)) == nil)
    }

    @Test(arguments: [
        ("<title>429 Too Many Requests</title><h1>Too Many Requests</h1>", PageObstacle.rateLimited),
        ("<p>You have hit the rate limit for lookups. Try again in an hour.</p>", .rateLimited),
        ("<title>Attention Required! | Cloudflare</title><p>Sorry, you have been blocked</p>", .captcha),
        ("<p>Please verify you are human to continue.</p>", .captcha),
        (#"<div class="h-captcha" data-sitekey="x"></div><p>Check</p>"#, .captcha),
        ("<p>This site requires JavaScript. Please enable JavaScript in your browser.</p>", .javascriptOnly),
        ("<div id=app></div><script src=app.js></script>", .javascriptOnly),
        ("", .empty),
        ("<html><head><title>Lookup</title></head><body> &nbsp; </body></html>", .empty),
        ("<p>--- 42 ---</p>", .empty),
    ])
    func contentObstacles(html: String, obstacle: PageObstacle) {
        #expect(ReasonExtractor.obstacle(status: 200, page: PageFixture.parse(html)) == obstacle)
    }

    @Test func shortListedPageWithScriptsIsReadable() {
        let page = PageFixture.parse("<p>192.0.2.85 listed in bl.spamcop.net (127.0.0.2)</p><script>x()</script>")
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == nil)
    }

    @Test func longPageMentioningRateLimitsInHelpTextIsReadable() {
        let help = String(repeating: "Lookups are subject to a rate limit for automated clients. ", count: 40)
        let page = PageFixture.parse("<p>192.0.2.1 is listed in the XBL.</p><p>\(help)</p>")
        #expect(ReasonExtractor.obstacle(status: 200, page: page) == nil)
    }

    @Test func emptyDescription() {
        #expect(PageObstacle.empty.description == "empty page")
        #expect("\(PageObstacle.httpStatus(503))" == "HTTP 503")
    }
}
