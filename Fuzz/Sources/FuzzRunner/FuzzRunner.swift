import CLibFuzzer

#if canImport(Glibc)
    import Glibc
#endif

/// One fuzz input: the bytes and their count, as libFuzzer passes them.
public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

/// Hands the process to libFuzzer, which parses its flags and corpus paths from the command line
/// and calls `target` once per input.
///
/// SwiftPM renames an executable module's entry point to `<Module>_main` (so that tests can import
/// executables) and links with `--defsym main=<Module>_main`. The usual recipe, `-parse-as-library`
/// and libFuzzer's own `main`, therefore fails to link: there is no `<Module>_main`. Instead each
/// fuzz target keeps a `main.swift` that calls this, and libFuzzer runs as a library
/// (`LLVMFuzzerRunDriver`, LLVM's FuzzerInterface.h).
/// - Parameter target: the function libFuzzer feeds; also exported as `LLVMFuzzerTestOneInput`.
/// - Returns: never; exits with libFuzzer's status.
public func runLibFuzzer(_ target: FuzzTarget) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, target))
}
