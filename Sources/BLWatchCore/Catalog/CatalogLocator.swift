import Foundation

/// Finds `lists.json`: the one named on the command line or in the config, else the installed one,
/// else the one in the source checkout the binary was built from.
public enum CatalogLocator {
    /// The places searched when no path is given, in order.
    public static func candidates(environment: [String: String], executable: String) -> [String] {
        var paths: [String] = []
        if let path = environment["BLWATCH_LISTS"], !path.isEmpty { paths.append(path) }
        let binDirectory = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        paths.append((binDirectory as NSString).appendingPathComponent("../share/blwatch/lists.json"))
        paths.append("/usr/local/share/blwatch/lists.json")
        paths.append("/usr/share/blwatch/lists.json")
        // The checkout this binary was built from: Sources/BLWatchCore/Catalog/<this file> → repo root.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(checkout.appendingPathComponent("lists.json").path)
        return paths
    }

    /// Loads the catalog from `explicit`, or from the first candidate that exists.
    /// - Throws: ``CatalogError``.
    public static func load(explicit: String?, environment: [String: String]? = nil)
        throws -> Catalog
    {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let explicit { return try Catalog.load(path: explicit) }
        let executable = CommandLine.arguments.first ?? ""
        let searched = candidates(environment: environment, executable: executable)
        guard let found = searched.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            throw CatalogError(
                code: .notFound,
                message: "no lists.json found (searched \(searched.joined(separator: ", ")))"
            )
        }
        return try Catalog.load(path: (found as NSString).standardizingPath)
    }
}
