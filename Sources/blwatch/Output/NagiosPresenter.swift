import ArgumentParser
import BLWatchCore

/// Runs a `--nagios` command body: prints its one plugin line and exits with the plugin state.
///
/// Unlike ``ErrorPresenter``, every failure is UNKNOWN (exit 3) with the error on the line, because
/// a monitoring host reads only the first line of stdout and the four plugin states.
enum NagiosPresenter {
    /// Runs `body` and prints its line, or an UNKNOWN line with the error.
    static func run(_ body: () async throws -> NagiosView) async throws {
        let view: NagiosView
        do {
            view = try await body()
        } catch let error as any UserFacingError {
            view = NagiosView(error: error.summary)
        } catch {
            view = NagiosView(error: "internal error: \(error)")
        }
        print(view.line)
        if view.state != .ok { throw ExitCode(view.state.rawValue) }
    }
}
