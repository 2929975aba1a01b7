public import GRDB

/// One row of `zoneHealth`: how a zone fared in its health probes during one run.
public struct ZoneHealthRecord: Codable, Sendable, Hashable {
    public var id: Int64?
    public var scanRunId: Int64
    public var zoneId: String
    /// `ipv4`, `ipv6` or `domain`.
    public var kind: String
    /// `healthy`, `untested` or `unhealthy`.
    public var state: String
    /// The problem token, when unhealthy.
    public var problem: String?
    /// The problem in words.
    public var detail: String?
}

extension ZoneHealthRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "zoneHealth"

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
