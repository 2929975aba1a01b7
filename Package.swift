// swift-tools-version:6.1
import PackageDescription

/// Hummingbird's upcoming features, applied to every target (STYLE.md B1).
let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "blwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "blwatch", targets: ["blwatch"]),
        .library(name: "BLWatchCore", targets: ["BLWatchCore"]),
        .library(name: "DNSWire", targets: ["DNSWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "DNSWire", swiftSettings: upcoming),
        // libcurl is opened with dlopen on first use (Sources/CCurl/include/CCurl.h says why); its
        // headers come from libcurl4-openssl-dev.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "BLWatchCurl", dependencies: ["CCurl"], swiftSettings: upcoming),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "BLWatchCore",
            dependencies: [
                "DNSWire",
                "BLWatchCurl",
                "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "blwatch",
            dependencies: [
                "BLWatchCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "BLWatchTestSupport",
            dependencies: [
                "DNSWire",
                "BLWatchCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(name: "DNSWireTests", dependencies: ["DNSWire", "BLWatchTestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "BLWatchCurlTests",
            dependencies: ["BLWatchCurl", "BLWatchTestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "BLWatchCoreTests",
            dependencies: ["BLWatchCore", "BLWatchTestSupport", "DNSWire"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "blwatchTests",
            dependencies: ["blwatch", "BLWatchTestSupport", "BLWatchCore", "DNSWire"],
            // Read by path (#filePath), like the pages the tests serve: no bundle needed.
            exclude: ["Fixtures"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
