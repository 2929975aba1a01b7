/// Why `blwatch init` wrote no configuration file.
public struct InitError: UserFacingError, Equatable {
    /// A stable code that tests match.
    public struct Code: Hashable, Sendable {
        fileprivate let name: String
        /// The file is there already: an operator's configuration is never overwritten.
        public static let exists = Code(name: "exists")
        /// The file or its directory could not be created or written.
        public static let io = Code(name: "io")
    }

    /// The stable code.
    public let code: Code
    /// The specifics, starting with the path.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var summary: String { message }
    public var status: ExitStatus { .ioFailure }
    public var hint: String? {
        code == .exists
            ? "blwatch config check shows what it holds; to start over, move it away or name another PATH"
            : "run blwatch init as root to write under /etc, or name another PATH"
    }

    public static func == (lhs: InitError, rhs: InitError) -> Bool { lhs.code == rhs.code }
}
