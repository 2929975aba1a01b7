import DNSWire
import Foundation

extension Catalog {
    /// Loads and validates a catalog file.
    /// - Parameter path: the file to read.
    /// - Returns: the catalog.
    /// - Throws: ``CatalogError`` naming the file and, for a bad field, its line and path.
    public static func load(path: String) throws -> Catalog {
        switch DocumentFile.read(path) {
        case .success(let text): return try parse(text, file: path, source: path)
        case .failure(let problem):
            let code: CatalogError.Code
            switch problem {
            case .tooLarge, .notUTF8: code = .invalid
            case .unreadable, .directory, .notRegular: code = .unreadable
            }
            throw CatalogError(code: code, message: problem.message(path: path, unreadable: "cannot read the file"))
        }
    }

    /// Parses and validates catalog text.
    /// - Parameters:
    ///   - text: the JSON text.
    ///   - file: the name used in errors.
    ///   - source: where the text came from.
    /// - Returns: the catalog.
    /// - Throws: ``CatalogError`` with code `.invalid`.
    public static func parse(_ text: String, file: String, source: String) throws -> Catalog {
        do {
            let root = DocumentReader(file: file, value: try JSONDocumentParser.parse(text, file: file))
            let fields = try root.object(allowing: ["$schema", "version", "zones"])
            let version = try fields.required("version")
            guard try version.int(in: 0...Int.max) == 1 else {
                throw version.error("unsupported catalog version (this blwatch reads version 1)")
            }
            var zones: [Zone] = []
            let entries = try fields.required("zones")
            guard !(try entries.array().isEmpty) else { throw entries.error("must list at least one zone") }
            for entry in try entries.array() {
                let zone = try ZoneReader.zone(from: entry)
                if zones.contains(where: { $0.id == zone.id }) {
                    throw entry.error("duplicate zone id \"\(zone.id)\"")
                }
                // One entry per DNS zone, so a scan never sends the same name twice.
                if let twin = zones.first(where: { $0.zoneTemplate.lowercased() == zone.zoneTemplate.lowercased() }) {
                    throw entry.error("zone \"\(zone.zoneTemplate)\" is already listed as \"\(twin.id)\"")
                }
                zones.append(zone)
            }
            return Catalog(zones: zones, source: source)
        } catch let error as DocumentError {
            throw CatalogError.invalid(error)
        }
    }
}

/// Reads one `zones[n]` entry of the catalog.
enum ZoneReader {
    static let fields: Set<String> = [
        "id", "name", "zone", "kinds", "codes", "otherCodes", "txt", "lookupURL", "delistURL", "wqs", "homepage",
        "access", "limits", "status", "tags", "selfTest", "note",
    ]

    static func zone(from entry: DocumentReader) throws -> Zone {
        let object = try entry.object(allowing: fields)
        let idField = try object.required("id")
        let id = try idField.string()
        guard id.utf8.first.map(isIDByte) == true, id.utf8.allSatisfy({ isIDByte($0) || $0 == UInt8(ascii: "-") })
        else {
            throw idField.error("\"\(id)\" must be lower-case letters, digits and dashes")
        }
        let zoneField = try object.required("zone")
        let zoneText = try zoneField.nonEmptyString()
        guard (try? DomainName(zoneText.replacing("{key}", with: "k"))) != nil else {
            throw zoneField.error("\"\(zoneText)\" is not a valid DNS name")
        }
        let access = try self.access(object.required("access"))
        if (access.type == .key) != zoneText.contains("{key}") {
            throw zoneField.error(
                access.type == .key
                    ? "access type \"key\" needs a {key} placeholder in the zone"
                    : "{key} placeholder needs access type \"key\""
            )
        }
        return Zone(
            id: id,
            name: try object.required("name").nonEmptyString(),
            zoneTemplate: zoneText,
            kinds: try kinds(object.required("kinds")),
            codes: try CodeTableReader.codes(object.optional("codes")),
            undocumentedCodesAreListings: try otherCodes(object.optional("otherCodes")),
            publishesTXT: try object.optional("txt")?.bool() ?? false,
            lookupURL: try url(object.optional("lookupURL")),
            delistURL: try url(object.optional("delistURL")),
            wqsDataset: try wqs(object.optional("wqs")),
            homepage: try url(object.optional("homepage")),
            access: access.type,
            accessNote: access.note,
            limits: try limits(object.optional("limits")),
            status: try status(object.required("status")),
            tags: Set(try object.optional("tags")?.array().map { try $0.nonEmptyString() } ?? []),
            selfTest: try selfTest(object.optional("selfTest")),
            note: try object.optional("note")?.string()
        )
    }

    /// The datasets of the Spamhaus Web Query Service (DOMAIN.md §2.2).
    static let wqsDatasets = ["SBL", "XBL", "PBL", "SBL-XBL", "ZEN", "AUTHBL", "DBL", "ZRD"]

    private static func wqs(_ field: DocumentReader?) throws -> String? {
        guard let field else { return nil }
        let text = try field.string()
        guard wqsDatasets.contains(text) else {
            throw field.error("unknown dataset \"\(text)\" (expected one of \(wqsDatasets.joined(separator: ", ")))")
        }
        return text
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func kinds(_ field: DocumentReader) throws -> Set<ZoneKind> {
        let items = try field.array()
        guard !items.isEmpty else { throw field.error("must name at least one of ipv4, ipv6, domain") }
        var kinds: Set<ZoneKind> = []
        for item in items {
            let text = try item.string()
            guard let kind = ZoneKind(rawValue: text) else {
                throw item.error("unknown value \"\(text)\" (expected ipv4, ipv6, domain)")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    private static func otherCodes(_ field: DocumentReader?) throws -> Bool {
        guard let field else { return true }
        switch try field.string() {
        case "listing": return true
        case "unknown": return false
        case let other: throw field.error("unknown value \"\(other)\" (expected listing, unknown)")
        }
    }

    private static func url(_ field: DocumentReader?) throws -> String? {
        guard let field else { return nil }
        let text = try field.string()
        guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
            throw field.error("\"\(text)\" must be an http:// or https:// URL")
        }
        return text
    }

    private static func access(_ field: DocumentReader) throws -> (type: Zone.Access, note: String?) {
        let object = try field.object(allowing: ["type", "note"])
        let typeField = try object.required("type")
        let text = try typeField.string()
        guard let type = Zone.Access(rawValue: text) else {
            throw typeField.error("unknown value \"\(text)\" (expected free, registeredResolver, key)")
        }
        return (type, try object.optional("note")?.string())
    }

    private static func limits(_ field: DocumentReader?) throws -> Zone.Limits? {
        guard let field else { return nil }
        let object = try field.object(allowing: ["queriesPerDay", "queriesPerSecond", "note"])
        return Zone.Limits(
            queriesPerDay: try object.optional("queriesPerDay")?.int(in: 1...Int(Int32.max)),
            queriesPerSecond: try object.optional("queriesPerSecond")?.int(in: 1...1_000_000),
            note: try object.optional("note")?.string()
        )
    }

    private static func status(_ field: DocumentReader) throws -> Zone.Status {
        let object = try field.object(allowing: ["state", "since", "note"])
        let stateField = try object.required("state")
        switch try stateField.string() {
        case "active": return .active
        case "defunct":
            return .defunct(
                since: try object.optional("since")?.string(),
                note: try object.required("note").nonEmptyString()
            )
        case let other: throw stateField.error("unknown value \"\(other)\" (expected active, defunct)")
        }
    }

    private static func selfTest(_ field: DocumentReader?) throws -> Zone.SelfTest {
        guard let field else { return .rfc5782 }
        let object = try field.object(allowing: ["listed", "notListed"])
        return Zone.SelfTest(
            listed: try object.optional("listed")?.bool() ?? true,
            notListed: try object.optional("notListed")?.bool() ?? true
        )
    }
}
