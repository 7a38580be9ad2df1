// swift-tools-version:6.0
import PackageDescription

// Dependency budget (each one justified):
// - swift-nio: the websocket client and server (NIOWebSocket typed upgraders, NIOPosix sockets).
// - swift-nio-ssl: `wss://` URLs (TLS on the client channel).
// - swift-collections: `OrderedDictionary` keeps JSON object key order, so our frames are
//   byte-for-byte those of the Python reference. Already a dependency of swift-nio.
// - swift-log: the injected `Logger` that every library type takes.
// - swift-service-lifecycle: `Service`/`ServiceGroup` for supervised, signal-aware shutdown.
// - swift-argument-parser: the command lines of `neuro-host` and `neuro-sim`.
let package = Package(
    name: "neuro-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NeuroAPI", targets: ["NeuroAPI"]),
        .library(name: "NeuroSim", targets: ["NeuroSim"]),
        .library(name: "GamePlugins", targets: ["GamePlugins"]),
        .library(name: "NeuroHost", targets: ["NeuroHost"]),
        .executable(name: "neuro-host", targets: ["NeuroHostCommand"]),
        .executable(name: "neuro-sim", targets: ["NeuroSimCommand"]),
        .executable(name: "neuro-bench", targets: ["NeuroBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "NeuroAPI",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "NeuroSim",
            dependencies: [
                "NeuroAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        .target(
            name: "GamePlugins",
            dependencies: [
                "NeuroAPI",
                .product(name: "Logging", package: "swift-log"),
                // NIOThreadPool: saves are blocking file writes, kept off the event loops.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "NeuroHost",
            dependencies: [
                "NeuroAPI",
                "GamePlugins",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "NeuroHostCommand",
            dependencies: [
                "NeuroHost",
                "GamePlugins",
                "NeuroAPI",
                "NeuroSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "NeuroSimCommand",
            dependencies: [
                "NeuroSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Benchmarks (docs/BENCHMARKS.md); CI runs only `neuro-bench --smoke`.
        .executableTarget(
            name: "NeuroBench",
            dependencies: [
                "NeuroAPI",
                "NeuroSim",
                "GamePlugins",
                "NeuroHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "NeuroAPITests",
            dependencies: [
                "NeuroAPI",
                // The websocket tests run misbehaving raw servers on NIO.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        // Helpers shared by the test targets (bounded waits, running the built executables).
        .target(name: "NeuroTestSupport", path: "Tests/NeuroTestSupport"),
        .testTarget(
            name: "NeuroSimTests",
            dependencies: [
                "NeuroSim", "NeuroAPI", "NeuroTestSupport",
                // The server tests stall event loops of their own.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "GamePluginsTests", dependencies: ["GamePlugins", "NeuroSim", "NeuroAPI", "NeuroTestSupport"]),
        .testTarget(
            name: "NeuroHostTests",
            dependencies: [
                "NeuroHost", "NeuroSim", "GamePlugins", "NeuroAPI", "NeuroTestSupport",
                // `testGracefulShutdown`: stops supervisors and hosts without a whole ServiceGroup.
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            // A peer the signal test runs as a separate process (python3).
            exclude: ["Support/unresponsive_neuro.py"]),
    ],
    swiftLanguageModes: [.v6]
)
