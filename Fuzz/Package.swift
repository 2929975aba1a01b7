// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for blwatch's parsers of untrusted input (docs/FUZZING.md).
///
/// A separate package, so `swift build` and CI of the root package never see it. Build and run with
/// `scripts/fuzz`: it passes `-sanitize=fuzzer,address`, which instruments the code and links
/// libFuzzer (without it the executables do not link). One executable per target; FuzzRunner hands
/// `main` to libFuzzer.
let package = Package(
    name: "blwatch-fuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fuzz-dns-message", targets: ["FuzzDNSMessage"]),
        .executable(name: "fuzz-lookup-page", targets: ["FuzzLookupPage"]),
        .executable(name: "fuzz-mta-log", targets: ["FuzzMTALog"]),
    ],
    dependencies: [.package(name: "blwatch", path: "..")],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .target(name: "FuzzRunner", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "FuzzDNSMessage",
            dependencies: ["FuzzRunner", .product(name: "DNSWire", package: "blwatch")]
        ),
        .executableTarget(
            name: "FuzzLookupPage",
            dependencies: ["FuzzRunner", .product(name: "BLWatchCore", package: "blwatch")]
        ),
        .executableTarget(
            name: "FuzzMTALog",
            dependencies: ["FuzzRunner", .product(name: "BLWatchCore", package: "blwatch")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
