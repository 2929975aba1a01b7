import DNSWire
import Foundation
import Testing

@testable import BLWatchCore

/// Loading `lists.json`: the catalog shipped with the repository, and one bad fixture per rule the loader enforces.
@Suite struct CatalogLoadingTests {
    /// The repository's `lists.json`: this file is `Tests/BLWatchCoreTests/Catalog/<file>`, four levels below the root.
    private static let repositoryCatalog = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lists.json").path

    private func repositoryCatalog() throws -> Catalog {
        try Catalog.load(path: Self.repositoryCatalog)
    }

    // MARK: - The shipped catalog

    @Test func repositoryCatalogLoadsWithUniqueIDs() throws {
        let catalog = try repositoryCatalog()
        let ids = catalog.zones.map(\.id)
        #expect(ids.count >= 20)
        #expect(Set(ids).count == ids.count)
        #expect(catalog.source == Self.repositoryCatalog)
    }

    @Test func defaultZonesAreActiveAndFree() throws {
        let defaults = try repositoryCatalog().zones.filter { $0.tags.contains("default") }
        #expect(defaults.map(\.id).contains("spamhaus-zen"))
        for zone in defaults {
            // A default zone is queried by every installation that configures nothing, so it must
            // work without registration or a key.
            #expect(!zone.isDefunct, "\(zone.id) is tagged default but defunct")
            #expect(zone.access == .free, "\(zone.id) is tagged default but needs \(zone.access)")
        }
    }

    @Test func defunctZonesExplainWhy() throws {
        let defunct = try repositoryCatalog().zones.filter(\.isDefunct)
        #expect(!defunct.isEmpty)
        for zone in defunct {
            guard case .defunct(_, let note) = zone.status else { continue }
            #expect(!note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(zone.id) has an empty note")
        }
    }

    @Test func zenCodesKeepTheirSubListsAndCauses() throws {
        let zen = try #require(try repositoryCatalog().zone(id: "spamhaus-zen"))

        let xbl = try #require(zen.meaning(of: IPv4Address(127, 0, 0, 4)))
        #expect(xbl.kind == .listing)
        #expect(xbl.list == "XBL")
        // Inside the "127.0.0.5-127.0.0.7" range key.
        #expect(zen.meaning(of: IPv4Address(127, 0, 0, 6))?.list == "XBL")

        let refusal = try #require(zen.meaning(of: IPv4Address(127, 255, 255, 254)))
        #expect(refusal.kind == .error)
        #expect(refusal.cause == .openResolver)
    }

    @Test func undocumentedCodeFollowsOtherCodes() throws {
        let catalog = try repositoryCatalog()
        let zen = try #require(catalog.zone(id: "spamhaus-zen"))
        #expect(zen.undocumentedCodesAreListings)
        #expect(zen.meaning(of: IPv4Address(127, 0, 0, 99)) == .undocumentedListing)

        // `"otherCodes": "unknown"`: an undocumented value gives no verdict.
        let backscatterer = try #require(catalog.zone(id: "backscatterer"))
        #expect(!backscatterer.undocumentedCodesAreListings)
        #expect(backscatterer.meaning(of: IPv4Address(127, 0, 0, 99)) == nil)
    }

    // MARK: - Invalid catalogs

    /// Each fixture breaks one rule. The message names the file (the last component of the path the loader was
    /// given), the line, the field and the rule.
    static let invalidCatalogs: [(String, String)] = [
        (
            "invalid-version.json",
            "invalid-version.json:2: version: unsupported catalog version (this blwatch reads version 1)"
        ),
        ("invalid-missing-name.json", "invalid-missing-name.json:4: zones[0].name: missing required field"),
        (
            "invalid-unknown-field.json",
            "invalid-unknown-field.json:25: zones[0].homePage: unknown field (expected one of: access, codes, delistURL, "
                + "homepage, id, kinds, limits, lookupURL, name, note, otherCodes, selfTest, status, tags, txt, wqs, zone)"
        ),
        ("invalid-wrong-type.json", "invalid-wrong-type.json:25: zones[0].txt: expected true or false, found a string"),
        (
            "invalid-unknown-wqs.json",
            #"invalid-unknown-wqs.json:26: zones[0].wqs: unknown dataset "CBL" (expected one of SBL, XBL, PBL, SBL-XBL, "#
                + "ZEN, AUTHBL, DBL, ZRD)"
        ),
        (
            "invalid-id.json",
            #"invalid-id.json:5: zones[0].id: "Test_BL" must be lower-case letters, digits and dashes"#
        ),
        ("invalid-duplicate-id.json", #"invalid-duplicate-id.json:26: zones[1]: duplicate zone id "test-bl""#),
        (
            "invalid-unknown-zone-kind.json",
            #"invalid-unknown-zone-kind.json:10: zones[0].kinds[1]: unknown value "ipv5" (expected ipv4, ipv6, domain)"#
        ),
        (
            "invalid-unknown-code-kind.json",
            #"invalid-unknown-code-kind.json:13: zones[0].codes["127.0.0.2"].kind: unknown value "blocked" "#
                + "(expected listing, error, reputation, allow)"
        ),
        (
            "invalid-code-outside-loopback.json",
            #"invalid-code-outside-loopback.json:18: zones[0].codes["10.0.0.2"]: outside 127.0.0.0/8"#
        ),
        (
            "invalid-reserved-code.json",
            #"invalid-reserved-code.json:12: zones[0].codes["127.0.0.1"]: 127.0.0.1 cannot be a code: "#
                + "RFC 5782 reserves it as the never-listed test entry"
        ),
        (
            "invalid-overlapping-codes.json",
            #"invalid-overlapping-codes.json:18: zones[0].codes["127.0.0.4"]: overlaps "127.0.0.2-127.0.0.5""#
        ),
        (
            "invalid-listing-without-severity.json",
            #"invalid-listing-without-severity.json:12: zones[0].codes["127.0.0.2"].severity: missing required field"#
        ),
        (
            "invalid-error-without-cause.json",
            #"invalid-error-without-cause.json:18: zones[0].codes["127.255.255.254"].cause: missing required field"#
        ),
        (
            "invalid-key-without-key-access.json",
            #"invalid-key-without-key-access.json:7: zones[0].zone: {key} placeholder needs access type "key""#
        ),
        (
            "invalid-key-access-without-key.json",
            #"invalid-key-access-without-key.json:7: zones[0].zone: access type "key" needs a {key} placeholder in the zone"#
        ),
        (
            "invalid-defunct-without-note.json",
            "invalid-defunct-without-note.json:22: zones[0].status.note: missing required field"
        ),
        // Syntax errors carry the line but no field path: the document never became a tree.
        ("invalid-trailing-comma.json", "invalid-trailing-comma.json:10: invalid JSON: trailing comma before }"),
        ("invalid-no-zones.json", "invalid-no-zones.json:1: zones: must list at least one zone"),
        (
            "invalid-duplicate-zone-name.json",
            #"invalid-duplicate-zone-name.json:6: zones[1]: zone "ZEN.spamhaus.org" is already listed as "zen""#
        ),
        ("invalid-duplicate-key.json", #"invalid-duplicate-key.json:11: invalid JSON: duplicate key "name""#),
    ]

    @Test(arguments: invalidCatalogs)
    func rejectsInvalidCatalog(file: String, message: String) throws {
        let error = #expect(throws: CatalogError.self) { try Catalog.load(path: Fixtures.path("lists/\(file)")) }
        #expect(error?.code == .invalid)
        #expect(error?.message == Fixtures.path("lists") + "/" + message)
    }

    @Test func everyInvalidFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("lists"))
            .filter { $0.hasPrefix("invalid-") }
        #expect(Set(files) == Set(Self.invalidCatalogs.map(\.0)))
    }

    @Test func missingFileIsUnreadable() throws {
        let path = Fixtures.path("lists/no-such-file.json")
        let error = #expect(throws: CatalogError.self) { try Catalog.load(path: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.message == "\(path): cannot read the file")
    }

    @Test func parseNamesTheGivenFile() throws {
        let error = #expect(throws: CatalogError.self) {
            try Catalog.parse(#"{"version": 1, "zones": {}}"#, file: "custom.json", source: "/etc/blwatch/custom.json")
        }
        #expect(error?.message == "custom.json:1: zones: expected a list, found an object")
    }
}
