import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive, non-blocking lock next to the database (`<db>.lock`), held for a whole scan so that
/// an overlapping cron run exits at once instead of racing the first one.
///
/// `flock(2)` locks die with the process, so a killed scan never leaves a stale lock behind.
public final class RunLock: Sendable {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock.
    /// - Throws: ``StoreError`` `.locked` when another process holds it, `.io` when the file cannot be opened.
    public init(databasePath: String) throws {
        path = databasePath + ".lock"
        try ParentDirectory.create(for: path)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(.io, "\(path): cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw StoreError(.locked, "\(databasePath) is locked by another blwatch scan")
            }
            throw StoreError(.io, "\(path): cannot lock: \(String(cString: strerror(code)))")
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
