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
        guard !run.stdout.isEmpty else { throw run.failure("printed no DOM for \(url)") }
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
        guard FileManager.default.fileExists(atPath: path) else { throw run.failure("wrote no screenshot of \(url)") }
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
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// An error naming `what` went wrong, with the exit status and the end of stderr.
        func failure(_ what: String) -> TestSupportError {
            let lines = stderr.split(separator: "\n").suffix(15).joined(separator: "\n")
            return TestSupportError("chromium \(what) (exit status \(status)); stderr:\n\(lines)")
        }
    }

    /// Runs Chromium with `arguments` after the base options; SIGKILL by PID at the deadline.
    private static func run(_ arguments: [String], timeout: Duration) async throws -> Run {
        guard let executable = Tool.path(of: "chromium") else {
            throw TestSupportError("chromium is not installed (apt-get install chromium)")
        }
        let directory = try TemporaryDirectory(prefix: "blwatch-chromium")
        defer { directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = baseArguments(profile: directory.file("profile")) + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = directory.file("config")
        environment["XDG_CACHE_HOME"] = directory.file("cache")
        process.environment = environment
        // Files, not pipes: a large DOM would fill a pipe nobody reads until Chromium exits.
        let out = FileHandle(forWritingAtPath: try directory.write("stdout", ""))
        let err = FileHandle(forWritingAtPath: try directory.write("stderr", ""))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try out?.close()
        try err?.close()
        let run = Run(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: directory.file("stdout"), encoding: .utf8),
            stderr: (try? String(contentsOfFile: directory.file("stderr"), encoding: .utf8)) ?? ""
        )
        if timedOut { throw run.failure("did not finish within \(timeout)") }
        if run.status != 0 { throw run.failure("failed") }
        return run
    }
}
