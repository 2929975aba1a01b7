import Foundation

/// Files under `Tests/BLWatchCoreTests/Fixtures`, copied into the test bundle (`resources: [.copy("Fixtures")]`).
enum Fixtures {
    /// The path of a fixture inside the test bundle.
    ///
    /// Should the bundle lack the folder (a packaging mistake), the path points into the source tree
    /// instead, so the tests still read the same files rather than crashing the whole run.
    /// - Parameter relative: the path below `Fixtures/`, such as `lists/invalid-version.json`.
    /// - Returns: the absolute path.
    static func path(_ relative: String) -> String {
        let root =
            Bundle.module.url(forResource: "Fixtures", withExtension: nil)
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        return root.appendingPathComponent(relative).path
    }

    /// The text of a fixture.
    /// - Parameter relative: the path below `Fixtures/`.
    /// - Throws: when the file cannot be read.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
