/// Why the history database could not be used.
public struct StoreError: UserFacingError, Equatable {
    /// A stable code that tests match.
    public struct Code: Hashable, Sendable {
        fileprivate let name: String
        /// The database or its directory cannot be created, opened, read or written.
        public static let io = Code(name: "io")
        /// Another `blwatch scan` holds the lock.
        public static let locked = Code(name: "locked")
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
    public var status: ExitStatus { code == .locked ? .locked : .ioFailure }
    public var hint: String? {
        switch code {
        case .locked: "another blwatch scan is still running on this database; this run did nothing"
        default: "check the path, its permissions and free space, or pass --db FILE"
        }
    }

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
}
