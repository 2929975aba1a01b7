import BLWatchTestSupport
import Foundation

/// Serving deploy/dashboard with a fixture feed, and reading the DOM Chromium dumps.
enum DashboardPage {
    /// The source checkout (this file is Tests/blwatchTests/DashboardPage.swift).
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Where the screenshots go: inside the git-ignored `.build`, at a path a closing note can cite.
    static let screenshots = checkout.appendingPathComponent(".build/dashboard-screenshots")

    /// A feed from `Tests/blwatchTests/Fixtures/dashboard/`.
    static func fixture(_ name: String) throws -> String {
        let url = checkout.appendingPathComponent("Tests/blwatchTests/Fixtures/dashboard/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// `feed` with every RFC 3339 time moved by the same amount, so that `generatedAt` is `age` ago:
    /// the page measures the feed's age with the browser clock, and a fixture's fixed date would be stale.
    static func shifted(_ feed: String, age: Duration) throws -> String {
        let pattern = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"/
        guard let generated = feed.firstMatch(of: /"generatedAt": "([^"]+)"/)?.1 else {
            throw TestSupportError("the feed has no generatedAt")
        }
        let target = Date() - TimeInterval(age.components.seconds)
        let offset = target.timeIntervalSince(try Date(String(generated), strategy: .iso8601))
        var failure: (any Error)?
        let result = feed.replacing(pattern) { match in
            do {
                let date = try Date(String(match.1), strategy: .iso8601) + offset.rounded()
                return "\"\(date.formatted(.iso8601))\""
            } catch {
                failure = error
                return String(match.0)
            }
        }
        if let failure { throw failure }
        return result
    }

    /// The dashboard's three files, plus `feed.json` unless `feed` is nil (then it is a 404).
    static func routes(feed: String?) throws -> [FixtureRoute] {
        let directory = checkout.appendingPathComponent("deploy/dashboard")
        let file = { (name: String, type: String) in
            FixtureRoute(
                "/\(name)",
                headers: ["Content-Type": type],
                body: Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            )
        }
        var routes = [
            try file("index.html", "text/html; charset=utf-8"),
            try file("dashboard.css", "text/css; charset=utf-8"),
            try file("dashboard.js", "text/javascript; charset=utf-8"),
        ]
        if let feed {
            routes.append(
                FixtureRoute("/feed.json", headers: ["Content-Type": "application/json"], body: Array(feed.utf8))
            )
        }
        return routes
    }

    /// A screenshot of the dashboard serving `feed`, written to ``screenshots``/`name`.
    /// - Returns: the PNG's bytes.
    @discardableResult
    static func screenshot(feed: String, name: String, width: Int, height: Int) async throws -> [UInt8] {
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let path = screenshots.appendingPathComponent(name).path
        try await withFixtureHTTPServer(try routes(feed: feed)) { server in
            try await HeadlessChromium.screenshot(
                url: "\(server.baseURL)/index.html",
                to: path,
                width: width,
                height: height
            )
        }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The DOM of the dashboard serving `feed`, opened with `query` (such as `?staleMinutes=1`).
    static func dom(feed: String?, query: String = "") async throws -> DashboardDOM {
        try await withFixtureHTTPServer(try routes(feed: feed)) { server in
            DashboardDOM(html: try await HeadlessChromium.dumpDOM(url: "\(server.baseURL)/index.html\(query)"))
        }
    }
}

/// The serialized DOM, searched by `data-testid` (enough for a page whose hooks the tests define).
struct DashboardDOM {
    /// One element: its opening tag's attributes and the HTML inside it.
    struct Element {
        var attributes: [String: String]
        var inner: String

        /// The inner HTML with tags removed (entities left as serialized).
        var text: String { inner.replacing(/<[^>]*>/, with: "") }
    }

    let html: String

    /// Whether the page set `document.body.dataset.ready`.
    var isReady: Bool { html.contains(/<body[^>]*data-ready="true"/) }

    /// Every element with `data-testid="testid"`, in document order.
    func elements(_ testid: String) -> [Element] {
        html.matches(of: /<([a-z0-9]+)\b([^>]*)>/).compactMap { match -> Element? in
            let attributes = Self.attributes(String(match.2))
            guard attributes["data-testid"] == testid else { return nil }
            return Element(attributes: attributes, inner: inner(tag: String(match.1), after: match.range.upperBound))
        }
    }

    /// The one element with `data-testid="testid"` and the given attribute values, if exactly one matches.
    func element(_ testid: String, _ attributes: [String: String] = [:]) -> Element? {
        let found = elements(testid).filter { element in
            attributes.allSatisfy { element.attributes[$0.key] == $0.value }
        }
        return found.count == 1 ? found[0] : nil
    }

    /// The HTML from `start` to the `</tag>` that closes the element opened just before it.
    private func inner(tag: String, after start: String.Index) -> String {
        // Tag names come from the matcher in `elements`, so they are plain letters and digits.
        guard let pattern = try? Regex("<(/?)\(tag)\\b[^>]*>") else { return "" }
        var depth = 1
        var index = start
        while let match = html[index...].firstMatch(of: pattern) {
            depth += match.output[1].substring?.isEmpty == false ? -1 : 1
            if depth == 0 { return String(html[start..<match.range.lowerBound]) }
            index = match.range.upperBound
        }
        return String(html[start...])
    }

    private static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in text.matches(of: /([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/) {
            result[String(match.1)] = String(match.2).replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
        }
        return result
    }
}
