/// An error that the CLI shows to the operator as `blwatch: <summary>` plus an optional hint.
///
/// Every error type that can stop a command conforms, so the presenter never has to guess an
/// exit status or print a raw `description`.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One lower-case line: what went wrong and where.
    var summary: String { get }
    /// What to do about it, when there is something useful to say.
    var hint: String? { get }
    /// The exit status this error ends the process with.
    var status: ExitStatus { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var description: String { summary }
}
