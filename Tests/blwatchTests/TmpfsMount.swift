import BLWatchTestSupport
import Foundation

/// A small tmpfs mounted for one test and filled up: a real full file system, with the kernel's own
/// ENOSPC, rather than a simulated error.
struct TmpfsMount {
    /// The mount point.
    let path: String

    /// Whether the tests may mount one: a trial mount works (root, or CAP_SYS_ADMIN), or running
    /// under CI, where not being able to must fail rather than skip.
    static let isUsable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        guard let trial = try? TmpfsMount.mount(bytes: 1 << 20) else { return false }
        trial.unmount()
        return true
    }()

    /// Mounts a tmpfs of `bytes` on a new directory.
    /// - Throws: `TestSupportError` when mount(2) refuses (not root, or in a container without the right).
    static func mount(bytes: Int) throws -> TmpfsMount {
        let directory = NSTemporaryDirectory() + "blwatch-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", directory, "tmpfs", 0, "size=\(bytes),mode=0755") == 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(directory)
            throw TestSupportError("cannot mount a tmpfs on \(directory): \(reason) (the test needs root)")
        }
        return TmpfsMount(path: directory)
    }

    /// `name` on the mount.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Bytes still free.
    var free: Int {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Writes `filler` until at most `bytes` are left free (0: until the kernel says ENOSPC).
    func fill(leaving bytes: Int = 0) throws {
        let fd = open(file("filler"), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TestSupportError("cannot create the filler: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        while free > bytes {
            guard write(fd, chunk, chunk.count) > 0 else { break }
        }
    }

    /// Removes the filler, freeing the space again.
    func drain() { unlink(file("filler")) }

    /// Unmounts (lazily, should a process still hold a file) and removes the mount point.
    func unmount() {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }
}
