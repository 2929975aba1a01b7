import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that readers see the old content or the new, never half of either: a temporary
/// file beside the target, written and fsynced, then renamed over it (and the directory fsynced).
enum AtomicFile {
    /// Writes `text` to `path` atomically, mode 0644.
    /// - Throws: ``StoreError`` `.io` naming the path and the system's reason.
    static func write(_ text: String, to path: String) throws {
        let directory =
            (path as NSString).deletingLastPathComponent.isEmpty
            ? "." : (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).\(getpid()).tmp"
        )
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, "cannot create \(temporary)") }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = failure(path, "cannot write")
                close(fd)
                unlink(temporary)
                throw reason
            }
            offset += written
        }
        let synced = fsync(fd) == 0
        let syncError = errno
        // Closed whatever fsync said: a failed flush must not leak the descriptor.
        let closed = close(fd) == 0
        guard synced, closed else {
            if !synced { errno = syncError }
            let reason = failure(path, "cannot flush")
            unlink(temporary)
            throw reason
        }
        guard rename(temporary, path) == 0 else {
            let reason = failure(path, "cannot replace")
            unlink(temporary)
            throw reason
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
        removeOrphans(of: path, in: directory)
    }

    /// Removes the temporary files of writers that died before their rename (`kill -9`, a power
    /// cut): `.NAME.PID.tmp` beside `path` whose process no longer exists. A live writer's file
    /// stays; the name carries the pid so two writers never share one.
    static func removeOrphans(of path: String, in directory: String) {
        let prefix = ".\((path as NSString).lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = pid_t(name.dropFirst(prefix.count).dropLast(".tmp".count)), pid != getpid() else {
                continue
            }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink((directory as NSString).appendingPathComponent(name))
            }
        }
    }

    /// Whether `path` can be written: its directory exists and is writable.
    static func checkWritable(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let target = directory.isEmpty ? "." : directory
        guard access(target, W_OK) == 0 else { throw failure(path, "directory \(target) is not writable") }
    }

    private static func failure(_ path: String, _ what: String) -> StoreError {
        StoreError.file(path, what, errno: errno)
    }
}
