import Foundation

/// External tools the tests need, and whether they are installed.
///
/// Locally a missing tool disables the tests that need it; under `CI=true` it is a failure, so CI
/// can never pass by skipping (STYLE.md B5).
public enum Tool {
    /// Whether an executable named `name` is on the PATH or in the sbin directories.
    public static func exists(_ name: String) -> Bool { path(of: name) != nil }

    /// The full path of `name`, if installed.
    public static func path(of name: String) -> String? {
        let directories =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/sbin", "/sbin", "/usr/local/sbin"]
        return directories.map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether tests needing `name` should run: installed, or running under CI (where a missing tool must fail).
    public static func required(_ name: String) -> Bool {
        exists(name) || ProcessInfo.processInfo.environment["CI"] == "true"
    }
}
