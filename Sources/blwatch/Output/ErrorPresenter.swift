import ArgumentParser
import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command body and turns its failures into `blwatch: …` on stderr and an exit status.
enum ErrorPresenter {
    /// Runs `body`; returns its exit status, or prints the error and throws the matching `ExitCode`.
    static func run(_ body: () async throws -> ExitStatus) async throws {
        let status: ExitStatus
        do {
            status = try await body()
        } catch let error as any UserFacingError {
            printError("blwatch: \(error.summary)")
            if let hint = error.hint { printError("hint: \(hint)") }
            throw ExitCode(error.status.rawValue)
        } catch let error as ExitCode {
            throw error
        } catch {
            printError("blwatch: internal error: \(error)")
            throw ExitCode(ExitStatus.internalError.rawValue)
        }
        if status != .clean { throw ExitCode(status.rawValue) }
    }

    /// Writes a line to stderr.
    static func printError(_ line: String) {
        StandardError.write(line + "\n")
    }
}
