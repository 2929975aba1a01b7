/// Why no resolver could be set up; this stops the run (a failing query does not).
public struct ResolverError: UserFacingError, Equatable {
    /// A stable code that tests match.
    public struct Code: Hashable, Sendable {
        fileprivate let name: String
        /// A `--server` or config value that is not `HOST[:PORT]`.
        public static let badServer = Code(name: "badServer")
        /// No server given and none in /etc/resolv.conf.
        public static let noServers = Code(name: "noServers")
        /// The UDP socket could not be opened.
        public static let socket = Code(name: "socket")
    }

    /// The stable code.
    public let code: Code
    /// The specifics.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var summary: String { message }
    public var status: ExitStatus { code == .socket ? .ioFailure : .usage }
    public var hint: String? {
        code == .noServers
            ? "pass --server 127.0.0.1 (your own recursive resolver) or set resolvers in blwatch.yaml" : nil
    }

    public static func == (lhs: ResolverError, rhs: ResolverError) -> Bool { lhs.code == rhs.code }
}
