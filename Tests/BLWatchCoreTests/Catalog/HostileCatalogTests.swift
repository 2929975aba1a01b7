import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// Hostile `lists.json` files: each is refused with one line naming the file, the line and the
/// field. The fixtures are `Fixtures/lists/hostile`; the format rules themselves are
/// `CatalogLoadingTests`'.
struct HostileCatalogTests {
    /// Each fixture, its error code and its exact message after `<path of the fixture>`.
    static let hostileCatalogs: [(String, String)] = [
        // A lookup page is fetched by blwatch itself: only http and https, whatever the catalog says.
        (
            "invalid-lookup-url-file.json",
            #":9: zones[0].lookupURL: "file:///etc/passwd" must be an http:// or https:// URL"#
        ),
        (
            "invalid-lookup-url-ftp.json",
            #":9: zones[0].lookupURL: "ftp://bl.example.test/{target}" must be an http:// or https:// URL"#
        ),
        (
            "invalid-lookup-url-gopher.json",
            #":9: zones[0].lookupURL: "gopher://bl.example.test/1/{target}" must be an http:// or https:// URL"#
        ),
        (
            "invalid-lookup-url-javascript.json",
            #":9: zones[0].lookupURL: "javascript:alert(1)" must be an http:// or https:// URL"#
        ),
        // Numbers.
        (
            "invalid-huge-number.json",
            ":11: zones[0].limits.queriesPerDay: 99999999999999999999999999999999 is out of range (1...2147483647)"
        ),
        ("invalid-fraction.json", ":11: zones[0].limits.queriesPerDay: expected a whole number, found 1000.5"),
        ("invalid-exponent.json", ":11: zones[0].limits.queriesPerDay: expected a whole number, found 1e999999"),
        // Bytes and encodings.
        ("invalid-binary-garbage.json", ":1: not UTF-8 text (byte 0x8B): save the file as UTF-8"),
        ("invalid-latin1.json", ":6: not UTF-8 text (byte 0xFC): save the file as UTF-8"),
        ("invalid-utf16.json", ":1: not UTF-8 text (byte 0xFF): save the file as UTF-8"),
        ("invalid-nul-in-string.json", ":6: invalid JSON: control character inside a string"),
        ("invalid-lone-surrogate.json", #":6: invalid JSON: unpaired surrogate \uD800"#),
        ("invalid-empty.json", ":1: invalid JSON: unexpected end of file"),
        // Shapes.
        ("invalid-deep-nesting.json", ":1: invalid JSON: nested deeper than 64 levels"),
        ("invalid-top-level-list.json", ":1: expected an object, found a list"),
        ("invalid-null-zones.json", ":1: zones: missing required field"),
        ("invalid-object-for-kinds.json", ":8: zones[0].kinds: expected a list, found an object"),
    ]

    @Test(arguments: hostileCatalogs)
    func rejectsHostileCatalog(file: String, message: String) throws {
        let path = Fixtures.path("lists/hostile/\(file)")
        let error = #expect(throws: CatalogError.self) { try Catalog.load(path: path) }
        #expect(error?.code == .invalid)
        #expect(error?.message == path + message)
        #expect(error?.status == .catalogInvalid)
    }

    @Test func everyHostileFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("lists/hostile"))
        #expect(Set(files) == Set(Self.hostileCatalogs.map(\.0)))
    }

    @Test func aTenMegabyteCatalogIsRefusedUnread() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let text = #"{"version": 1, "zones": [{"id": ""# + String(repeating: "a", count: 10_000_000) + #""}]}"#
        let path = try directory.write("lists.json", text)
        let error = #expect(throws: CatalogError.self) { try Catalog.load(path: path) }
        #expect(error?.code == .invalid)
        #expect(error?.message == "\(path): is 10000037 bytes; a configuration file is at most 4 MiB")
    }

    @Test func aMegabyteValueGivesAShortMessage() throws {
        let id = String(repeating: "A", count: 1_000_000)
        let error = try #require(throws: CatalogError.self) {
            try Catalog.parse(#"{"version": 1, "zones": [{"id": "\#(id)"}]}"#, file: "lists.json", source: "lists.json")
        }
        #expect(error.message.count < 700)
        #expect(error.message.hasPrefix(#"lists.json:1: zones[0].id: "AAA"#))
        #expect(error.message.hasSuffix(#"AAA" must be lower-case letters, digits and dashes"#))
    }

    @Test func aDirectoryAndADeviceAreUnreadable() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let expected = [
            (directory.path, "is a directory, not a file"),
            ("/dev/urandom", "is not a regular file (a pipe, socket or device)"),
            ("/proc/self/mem", "cannot read the file"),
        ]
        for (path, message) in expected {
            let error = #expect(throws: CatalogError.self) { try Catalog.load(path: path) }
            #expect(error?.code == .unreadable)
            #expect(error?.message == "\(path): \(message)")
        }
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let text = try String(contentsOfFile: Fixtures.path("lists/hostile/invalid-fraction.json"), encoding: .utf8)
            .replacingOccurrences(of: "1000.5", with: "1000")
        let path = try directory.write("lists.json", "\u{FEFF}" + text)
        #expect(try Catalog.load(path: path).zones.map(\.id) == ["test-bl"])
    }
}
