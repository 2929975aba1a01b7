import BLWatchCore
import BLWatchTestSupport
import Foundation
import Synchronization
import Testing

/// `blwatch helo-catch` started as the built binary on a free port, once it is known to listen.
///
/// A port reserved a moment ago can be taken by another test's server before the binary binds it;
/// then the binary exits (or the greeting is someone else's) and another port is tried.
enum HELOCatchRun {
    /// Starts `run(port)` and returns the port and the running command once its greeting is seen.
    static func start(
        _ run: @escaping @Sendable (Int) async throws -> CommandRun
    ) async throws -> (port: Int, command: Task<CommandRun, any Error>) {
        for _ in 0..<5 {
            let port = try reserveLoopbackPort()
            let finished = Finished()
            let command = Task {
                defer { finished.flag.withLock { $0 = true } }
                return try await run(port)
            }
            for _ in 0..<600 {
                if await listening(port) { return (port, command) }
                // It exited: the port was taken between the reservation and the bind.
                if finished.flag.withLock({ $0 }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw TestSupportError("blwatch helo-catch did not start listening on any of 5 ports")
    }

    /// Whether our catcher answers on `port`: its banner, then QUIT (which records nothing).
    private static func listening(_ port: Int) async -> Bool {
        var ours = false
        try? await SMTPLineClient.session(port: port, timeout: .seconds(10)) { client async throws in
            ours = try await client.readLine()?.contains("blwatch helo-catch") == true
            _ = try await client.command("QUIT")
        }
        return ours
    }
}

/// Set when the command has ended.
private final class Finished: Sendable {
    let flag = Mutex(false)
}
