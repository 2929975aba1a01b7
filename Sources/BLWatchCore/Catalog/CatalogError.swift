/// Why the zone catalog (`lists.json`) could not be used.
public struct CatalogError: UserFacingError, Equatable {
    /// A stable code that tests match.
    public struct Code: Hashable, Sendable {
        fileprivate let name: String
        /// The file could not be read.
        public static let unreadable = Code(name: "unreadable")
        /// The file is not valid JSON or does not follow the catalog format.
        public static let invalid = Code(name: "invalid")
        /// No catalog was found in any of the standard places.
        public static let notFound = Code(name: "notFound")
    }

    /// The stable code.
    public let code: Code
    /// The specifics, starting with the file name.
    public let message: String

    /// A catalog that does not follow the format (a very long message shortened in the middle).
    public static func invalid(_ error: DocumentError) -> CatalogError {
        CatalogError(code: .invalid, message: error.boundedDescription)
    }

    public var summary: String { message }
    public var status: ExitStatus { .catalogInvalid }
    public var hint: String? {
        switch code {
        case .notFound: "pass --lists FILE, or install lists.json to /usr/share/blwatch/"
        case .invalid: "docs/LISTS.md describes every field; lists.schema.json validates the file"
        default: nil
        }
    }

    public static func == (lhs: CatalogError, rhs: CatalogError) -> Bool { lhs.code == rhs.code }
}
