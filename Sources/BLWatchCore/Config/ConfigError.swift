/// Why the operator configuration (`blwatch.yaml`) or a command-line value could not be used.
public struct ConfigError: UserFacingError, Equatable {
    /// The specifics: file, line, field and what is wrong.
    public let message: String

    /// Creates an error from a located document error (a very long one shortened in the middle).
    public init(_ error: DocumentError) { message = error.boundedDescription }

    /// Creates an error from a message.
    public init(_ message: String) { self.message = message }

    public var summary: String { message }
    public var status: ExitStatus { .configInvalid }
    public var hint: String? { "deploy/blwatch.example.yaml shows every field" }
}
