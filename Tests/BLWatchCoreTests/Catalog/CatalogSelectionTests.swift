import Testing

@testable import BLWatchCore

/// `Catalog.select(_:hasKey:)`: which zones an operator's `lists:` (or `--list`) picks, and what it warns about.
@Suite struct CatalogSelectionTests {
    /// Five zones, one per selection rule: two defaults, a defunct one, a keyed one and one that needs registration.
    private static let catalogText = """
        {
          "version": 1,
          "zones": [
            {"id": "alpha", "name": "Alpha", "zone": "alpha.example.test", "kinds": ["ipv4"],
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default", "group"]},
            {"id": "beta", "name": "Beta", "zone": "beta.example.test", "kinds": ["ipv4"],
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]},
            {"id": "gamma", "name": "Gamma", "zone": "gamma.example.test", "kinds": ["ipv4"],
             "access": {"type": "free"}, "tags": ["group"],
             "status": {"state": "defunct", "since": "2020-01-01", "note": "emptied; every answer reads clean"}},
            {"id": "keyed", "name": "Keyed", "zone": "{key}.keyed.example.test", "kinds": ["ipv4"],
             "access": {"type": "key"}, "status": {"state": "active"}, "tags": ["group"]},
            {"id": "registered", "name": "Registered", "zone": "registered.example.test", "kinds": ["ipv4"],
             "access": {"type": "registeredResolver", "note": "register at https://registered.example.test/"},
             "status": {"state": "active"}}
          ]
        }
        """

    private let catalog: Catalog

    init() throws {
        catalog = try Catalog.parse(Self.catalogText, file: "selection.json", source: "selection.json")
    }

    /// The selection; throws the ``UnknownSelector`` when a selector matches nothing.
    private func select(_ selectors: [String], hasKey: Bool = false) throws -> ZoneSelection {
        try catalog.select(selectors, hasKey: hasKey).get()
    }

    @Test func emptySelectionMeansTheDefaultTag() throws {
        let selection = try select([])
        #expect(selection.zones.map(\.id) == ["alpha", "beta"])
        #expect(selection.warnings.isEmpty)
    }

    @Test func defunctZoneNamedByIDIsNotQueried() throws {
        let selection = try select(["gamma"])
        #expect(selection.zones.isEmpty)
        #expect(selection.warnings.count == 1)
        #expect(selection.warnings.first?.contains("defunct") == true)
        #expect(
            selection.warnings
                == [
                    "zone gamma (gamma.example.test) is defunct since 2020-01-01: emptied; every answer reads clean; not queried"
                ]
        )
    }

    @Test func keyedZoneWithoutKeyIsSkippedWithAWarning() throws {
        let selection = try select(["keyed"])
        #expect(selection.zones.isEmpty)
        #expect(selection.warnings == ["zone keyed needs a key (dqsKey in the config); not queried"])
    }

    @Test func keyedZoneWithKeyIsSelected() throws {
        let selection = try select(["keyed"], hasKey: true)
        #expect(selection.zones.map(\.id) == ["keyed"])
        #expect(selection.warnings.isEmpty)
    }

    @Test func tagSelectsItsActiveZones() throws {
        // Without a key the keyed zone drops out silently: only a zone named on its own earns a warning.
        let withoutKey = try select(["group"])
        #expect(withoutKey.zones.map(\.id) == ["alpha"])
        #expect(withoutKey.warnings.isEmpty)

        let withKey = try select(["group"], hasKey: true)
        #expect(withKey.zones.map(\.id) == ["alpha", "keyed"])
    }

    @Test func allSelectsEveryActiveZone() throws {
        let selection = try select(["all"], hasKey: true)
        #expect(selection.zones.map(\.id) == ["alpha", "beta", "keyed", "registered"])
        #expect(
            selection.warnings == [
                "zone registered answers only resolvers registered with the list (register at https://registered.example.test/)"
            ]
        )
    }

    @Test func overlappingSelectorsChooseEachZoneOnce() throws {
        let selection = try select(["beta", "default", "alpha"])
        #expect(selection.zones.map(\.id) == ["beta", "alpha"])
    }

    @Test func unknownSelectorIsReportedWithItsIndex() {
        let result = catalog.select(["alpha", "no-such-list"], hasKey: false)
        #expect(throws: UnknownSelector(index: 1, selector: "no-such-list")) { try result.get() }
    }
}
