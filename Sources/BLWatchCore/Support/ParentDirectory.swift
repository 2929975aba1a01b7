import Foundation

/// Creating the directory a state file lives in (`/var/lib/blwatch`, `~/.local/state/blwatch`).
enum ParentDirectory {
    /// Creates the parent directory of `path` (and its parents) when missing.
    /// - Throws: ``StoreError`` `.io` naming the directory.
    static func create(for path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(
                .io,
                "\(directory): cannot create the directory: \((error as NSError).localizedDescription)"
            )
        }
    }
}
