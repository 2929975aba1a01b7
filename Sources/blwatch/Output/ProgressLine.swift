import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress display on stderr, shown only when stderr is a terminal (cron gets nothing).
enum ProgressLine {
    /// The progress callback for a run, or `nil` when stderr is not a TTY or output is JSON.
    static func make(enabled: Bool) -> (@Sendable (Int, Int) -> Void)? {
        guard enabled, isatty(STDERR_FILENO) == 1 else { return nil }
        return { done, total in
            let line = done >= total ? "\r\u{1B}[K" : "\rscanning: \(done)/\(total) queries"
            StandardError.write(line)
        }
    }
}
