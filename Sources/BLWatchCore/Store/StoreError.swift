import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// Why the history database (or another state file) could not be used.
public struct StoreError: UserFacingError, Equatable {
    /// A stable code that tests match.
    public struct Code: Hashable, Sendable {
        fileprivate let name: String
        /// The database or its directory cannot be created, opened, read or written.
        public static let io = Code(name: "io")
        /// Another `blwatch scan` holds the lock.
        public static let locked = Code(name: "locked")
        /// The file system holding the file is full (ENOSPC, EDQUOT, SQLITE_FULL).
        public static let diskFull = Code(name: "diskFull")
        /// Another process (not a blwatch scan) held a SQLite write lock past the busy timeout.
        public static let busy = Code(name: "busy")
    }

    /// The stable code.
    public let code: Code
    /// The specifics, starting with the path.
    public let message: String
    /// The file the error is about, for the hint.
    private let path: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.init(code, message, path: nil)
    }

    private init(_ code: Code, _ message: String, path: String?) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var summary: String { message }
    public var status: ExitStatus { code == .locked || code == .busy ? .locked : .ioFailure }
    public var hint: String? {
        switch code {
        case .locked: "another blwatch scan is still running on this database; this run did nothing"
        case .diskFull:
            "free space on \(path.map(Self.mountPoint) ?? "its file system") (df -h), then run the command again; "
                + "nothing was changed"
        case .busy:
            "blwatch scans never overlap (each takes \(path ?? "the database").lock), so another program has it in "
                + "a transaction (an sqlite3 shell, a backup script): fuser \(path ?? "the database") names it"
        default: "check the path, its permissions and free space, or pass --db FILE"
        }
    }

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }

    /// How long a connection waits for another's write lock before SQLite reports it busy.
    static let busyTimeout: TimeInterval = 5

    /// A SQLite (or GRDB) failure while doing `what` with the database at `path`, told apart: a
    /// full file system, a write lock another process kept past ``busyTimeout``, or other I/O.
    /// - Parameters:
    ///   - path: the database file.
    ///   - what: what could not be done, as in "cannot `what`": `record the scan`.
    ///   - error: what SQLite or GRDB threw.
    static func database(_ path: String, cannot what: String, _ error: any Error) -> StoreError {
        let databaseError = error as? DatabaseError
        let code = databaseError?.resultCode
        // SQLite says SQLITE_FULL on most writes, but a failed -shm allocation or fsync on a full
        // disk surfaces as an I/O error: the file system decides then.
        if code == .SQLITE_FULL || (code == .SQLITE_IOERR && isFull(path)) {
            return StoreError(.diskFull, "\(path): cannot \(what): no space left on device", path: path)
        }
        if code == .SQLITE_BUSY || code == .SQLITE_LOCKED {
            let reason = "another process holds a write lock on it (waited \(Int(busyTimeout)) s)"
            return StoreError(.busy, "\(path): cannot \(what): \(reason)", path: path)
        }
        let reason = databaseError.map { $0.message ?? "\($0.resultCode)" } ?? "\(error)"
        return StoreError(.io, "\(path): cannot \(what): \(reason)", path: path)
    }

    /// A system call failure with the file at `path`: `<path>: <what>: <reason>`, the reason from
    /// `errno` in lower case, and `.diskFull` for ENOSPC and EDQUOT.
    static func file(_ path: String, _ what: String, errno number: Int32) -> StoreError {
        let reason = String(cString: strerror(number))
        let lowered = reason.prefix(1).lowercased() + reason.dropFirst()
        let code: Code = number == ENOSPC || number == EDQUOT ? .diskFull : .io
        return StoreError(code, "\(path): \(what): \(lowered)", path: path)
    }

    /// Whether the file system holding `path` has no room left (less than 64 KiB, the most SQLite
    /// needs to open and begin a write).
    private static func isFull(_ path: String) -> Bool {
        var stats = statvfs()
        guard statvfs(directory(of: path), &stats) == 0 else { return false }
        let blocks = geteuid() == 0 ? stats.f_bfree : stats.f_bavail
        return Int(blocks) * Int(stats.f_frsize) < 64 << 10
    }

    /// The mount point of the file system holding `path`, for "free space on …".
    private static func mountPoint(_ path: String) -> String {
        var current = directory(of: path)
        var info = stat()
        guard stat(current, &info) == 0 else { return current }
        let device = info.st_dev
        while current != "/" {
            let parent = (current as NSString).deletingLastPathComponent
            guard stat(parent.isEmpty ? "/" : parent, &info) == 0, info.st_dev == device else { break }
            current = parent.isEmpty ? "/" : parent
        }
        return current
    }

    private static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
