import Foundation

/// Headless Chromium for testing the dashboard: the DOM after the page's scripts ran, and screenshots.
///
/// Each call starts a fresh `chromium` (Debian package `chromium`) by argv, never through a shell, with
/// its own temporary profile, no background networking, and a virtual-time budget so that pending
/// fetches and timers settle before the DOM is dumped. `--no-sandbox` is always passed: the sandbox
/// refuses to run as root, which is how containers and CI run the tests.
public enum HeadlessChromium {
    /// The DOM of `url` after its scripts ran, as HTML text.
    /// - Parameters:
    ///   - url: the page, such as `http://127.0.0.1:PORT/index.html`.
    ///   - timeout: when to kill Chromium.
    /// - Returns: the serialized DOM (`--dump-dom`).
    /// - Throws: `TestSupportError` with Chromium's stderr when it is missing, fails, times out or prints nothing.
    public static func dumpDOM(url: String, timeout: Duration = .seconds(90)) async throws -> String {
        let run = try await run(["--dump-dom", url], timeout: timeout)
        guard !run.stdout.isEmpty else { throw failure(run, "printed no DOM for \(url)") }
        return run.stdout
    }

    /// Saves a PNG screenshot of `url` in a `width`×`height` window.
    /// - Parameters:
    ///   - url: the page.
    ///   - path: where the PNG goes (replaced if it exists).
    ///   - width: the window width in CSS pixels.
    ///   - height: the window height in CSS pixels (the screenshot is the viewport, not the full page).
    ///   - timeout: when to kill Chromium.
    /// - Throws: `TestSupportError` with Chromium's stderr when it fails or writes no file.
    public static func screenshot(
        url: String,
        to path: String,
        width: Int,
        height: Int,
        timeout: Duration = .seconds(90)
    ) async throws {
        try? FileManager.default.removeItem(atPath: path)
        let run = try await run(
            [
                "--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars",
                "--force-device-scale-factor=1", url,
            ],
            timeout: timeout
        )
        guard FileManager.default.fileExists(atPath: path) else { throw failure(run, "wrote no screenshot of \(url)") }
    }

    /// The options every run gets, before the mode-specific ones.
    static func baseArguments(profile: String) -> [String] {
        [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--mute-audio", "--user-data-dir=\(profile)",
            "--virtual-time-budget=10000",
        ]
    }

    /// What one Chromium run printed.
    /// An error naming `what` went wrong, with the exit status and the end of stderr.
    private static func failure(_ run: CommandRun, _ what: String) -> TestSupportError {
        let lines = run.stderr.split(separator: "\n").suffix(15).joined(separator: "\n")
        return TestSupportError("chromium \(what) (exit status \(run.status)); stderr:\n\(lines)")
    }

    /// Runs Chromium with `arguments` after the base options; SIGKILL by PID at the deadline.
    private static func run(_ arguments: [String], timeout: Duration) async throws -> CommandRun {
        guard let executable = Tool.path(of: "chromium") else {
            throw TestSupportError("chromium is not installed (apt-get install chromium)")
        }
        let directory = try TemporaryDirectory(prefix: "blwatch-chromium")
        defer { directory.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = directory.file("config")
        environment["XDG_CACHE_HOME"] = directory.file("cache")
        let run = try await CommandRun.run(
            executable,
            baseArguments(profile: directory.file("profile")) + arguments,
            environment: environment,
            timeout: timeout
        )
        if run.timedOut { throw failure(run, "did not finish within \(timeout)") }
        if run.status != 0 { throw failure(run, "failed") }
        return run
    }
}
