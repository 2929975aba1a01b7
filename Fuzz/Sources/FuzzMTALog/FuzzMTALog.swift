import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

/// The file each input is written to: `$TMPDIR/blwatch-fuzz-mta-<pid>.log` (scripts/fuzz points
/// `TMPDIR` at its own temporary directory and removes it afterwards).
private let scratchPath: String = {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    return "\(directory)/blwatch-fuzz-mta-\(getpid()).log"
}()

/// libFuzzer entry point for the Exim and Postfix log parsers.
///
/// The input is the content of one log file: lines of either MTA (or both), plain or, when it
/// starts with the gzip magic bytes, compressed. `MTALogScanner`'s only public entry point reads
/// files, so the input is written to a scratch file first; that also fuzzes the line reader in
/// front of the parsers (CRLF, long lines, gzip). The report is then rendered as text, as
/// `blwatch audit` prints it.
/// - Parameters:
///   - data: the input bytes.
///   - size: how many there are.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fatalError("cannot create \(scratchPath): errno \(errno)") }
    var written = 0
    while written < size {
        let count = write(fd, data + written, size - written)
        guard count > 0 else { fatalError("cannot write \(scratchPath): errno \(errno)") }
        written += count
    }
    close(fd)
    do {
        let report = try MTALogScanner().scan(paths: [scratchPath])
        _ = report.text
    } catch {
        fatalError("the scratch file could not be read back: \(error)")
    }
    return 0
}
