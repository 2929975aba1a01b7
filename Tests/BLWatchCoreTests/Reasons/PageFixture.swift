import Foundation

@testable import BLWatchCore

/// Saved lookup pages under `Fixtures/pages`, and the URLs they were "fetched" from.
enum PageFixture {
    /// The raw bytes of a saved page.
    /// - Parameter name: the file name without `.html`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("pages/\(name).html"))))
    }

    /// A saved page parsed as if fetched from `url`.
    /// - Parameters:
    ///   - name: the file name without `.html`.
    ///   - url: the page URL.
    ///   - contentType: the `Content-Type` header.
    static func page(_ name: String, url: String, contentType: String? = "text/html") throws -> LookupPage {
        LookupPage.parse(body: try bytes(name), contentType: contentType, url: url)
    }

    /// Parses markup given as a string (UTF-8).
    static func parse(_ html: String, url: String = "https://lookup.example/check?ip=192.0.2.1") -> LookupPage {
        LookupPage.parse(body: Array(html.utf8), contentType: "text/html; charset=utf-8", url: url)
    }
}
