import Foundation
import GRDB

extension HistoryStore {
    /// A read-only way into the history when its file system is full, or `nil`.
    ///
    /// SQLite cannot open a WAL database even for reading then: it must first allocate the
    /// shared-memory index (`-shm`) beside it, and GRDB writes a first frame to an empty WAL. Opened
    /// immutable, the file needs nothing on disk. That is only safe when no committed transaction
    /// waits in the WAL, which an immutable reader does not look at: a missing or empty `-wal`, as
    /// every clean exit, and every write that failed for lack of space, leave it.
    /// - Parameters:
    ///   - path: the database file.
    ///   - error: why the normal open failed.
    /// - Returns: a read-only queue, or `nil` when the disk is not full or the WAL holds frames.
    static func fullDiskReader(_ path: String, after error: any Error) -> DatabaseQueue? {
        guard StoreError.database(path, cannot: "open", error).code == .diskFull else { return nil }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        guard wal == 0 else { return nil }
        var uri = URLComponents()
        uri.scheme = "file"
        uri.path = path
        uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
        guard let location = uri.string else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        return try? DatabaseQueue(path: location, configuration: configuration)
    }
}
