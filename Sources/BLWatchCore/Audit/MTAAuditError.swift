/// Why `blwatch audit logs` or `blwatch audit config` could not run at all.
///
/// Problems with single files are warnings in the report; this error is for the case where not
/// one of the files given could be read.
public struct MTAAuditError: UserFacingError, Equatable {
    /// The paths given.
    public var paths: [String]
    /// One line per file, such as `/var/log/mail.log: cannot read: Permission denied`.
    public var reasons: [String]

    /// No file could be read.
    /// - Parameters:
    ///   - paths: the paths given.
    ///   - warnings: why each failed.
    public static func unreadable(paths: [String], warnings: [String]) -> MTAAuditError {
        MTAAuditError(paths: paths, reasons: warnings)
    }

    /// `cannot read any of the files given: <reasons>`.
    public var summary: String {
        if paths.isEmpty { return "no file given" }
        return "cannot read any of the files given: " + reasons.joined(separator: "; ")
    }

    /// Where read permission usually comes from.
    public var hint: String? {
        paths.isEmpty ? nil : "mail logs are often readable only by root or the adm group"
    }

    /// EX_IOERR (74).
    public var status: ExitStatus { .ioFailure }
}
