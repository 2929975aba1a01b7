/// Why `blwatch helo-catch` could not run.
public struct HELOCatchError: UserFacingError, Equatable {
    /// The stable part that tests match.
    public enum Code: Sendable, Equatable {
        /// The listen address is not `ADDR:PORT`.
        case address
        /// The listen address cannot be bound.
        case listen
    }

    /// What kind of failure.
    public let code: Code
    /// The specifics, lower-case, one line.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var summary: String { message }

    public var hint: String? {
        switch code {
        case .address: nil
        case .listen: "pick a free port, or run as root to listen below 1024"
        }
    }

    public var status: ExitStatus { code == .address ? .usage : .ioFailure }

    public static func == (lhs: HELOCatchError, rhs: HELOCatchError) -> Bool { lhs.code == rhs.code }
}
