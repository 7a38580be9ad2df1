// swift-tools-version:6.0
import PackageDescription

// Dependency budget (each one justified):
// - swift-nio: the websocket client and server (NeuroWebSocket: NIOWebSocket typed upgraders,
//   NIOPosix sockets).
// - swift-nio-ssl: `wss://` URLs (TLS on the client channel).
// - swift-collections: `OrderedDictionary` keeps JSON object key order, so our frames are
//   byte-for-byte those of the Python reference. Already a dependency of swift-nio.
// - swift-log: the injected `Logger` that every library type takes.
// - swift-service-lifecycle: `Service`/`ServiceGroup` for supervised, signal-aware shutdown.
// - swift-argument-parser: the command lines of `neuro-host` and `neuro-sim`.
// - async-http-client: NeuroSim's LLM player talks to OpenAI-compatible chat-completions servers
//   over HTTP(S): connection pooling, timeouts, TLS and redirects on the NIO we already ship
//   (`URLSession` on Linux lacks structured timeouts and runs off NIO). NeuroSim only.
// - swift-docc-plugin: `swift package generate-documentation`, which CI runs warning-free over
//   every library's DocC catalog (a command plugin: nothing of it is linked into our code).
// - hummingbird: the HTTP server of `neuro-host --dashboard` (routes, streamed server-sent
//   events; its `Application` is a `Service`). Only NeuroDashboard links it, NeuroHost stays free.
// - swift-metrics: the metrics API that NeuroDashboard records into (counters, timers, gauges).
// - swift-prometheus: the swift-metrics backend that renders `GET /metrics` as Prometheus text.
//
// Modules, bottom up (docs/ARCHITECTURE.md): NeuroProtocol (pure: JSON, messages, actions,
// schemas, the per-connection core; no NIO) ← NeuroTesting (data from schemas) and
// GamePlugins (the plugin protocol and the games; pure) and NeuroWebSocket (the transports:
// the websocket client and server on NIO, in memory) ← NeuroAPI (the game side: client,
// component; re-exports NeuroProtocol and NeuroWebSocket) and NeuroSim (the stand-in server:
// not on NeuroAPI) ← GameSessions (a plugin on a component) ← NeuroHost ← NeuroDashboard ←
// NeuroHostCLI (the `neuro-host` command line as a library) ← the executables.
// NeuroPluginTesting (the plugin test kit) sits on GameSessions and NeuroSim.
let package = Package(
    name: "neuro-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "NeuroProtocol", targets: ["NeuroProtocol"]),
        .library(name: "NeuroWebSocket", targets: ["NeuroWebSocket"]),
        .library(name: "NeuroAPI", targets: ["NeuroAPI"]),
        .library(name: "NeuroTesting", targets: ["NeuroTesting"]),
        .library(name: "GameSessions", targets: ["GameSessions"]),
        .library(name: "NeuroSim", targets: ["NeuroSim"]),
        .library(name: "GamePlugins", targets: ["GamePlugins"]),
        .library(name: "NeuroHost", targets: ["NeuroHost"]),
        .library(name: "NeuroDashboard", targets: ["NeuroDashboard"]),
        // The relay: games written with any SDK played through the host.
        .library(name: "NeuroRelay", targets: ["NeuroRelay"]),
        // `neuro-host` as a library call: a developer's own host in a few lines (its main.swift).
        .library(name: "NeuroHostCLI", targets: ["NeuroHostCLI"]),
        // The plugin test kit: a developer's test plays their plugin against an in-process NeuroSim.
        .library(name: "NeuroPluginTesting", targets: ["NeuroPluginTesting"]),
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
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure: no NIO, no ServiceLifecycle; what the fuzzer builds (Fuzz/Package.swift).
        .target(
            name: "NeuroProtocol",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(name: "NeuroTesting", dependencies: ["NeuroProtocol"]),
        // The transports, used by the game side and the server side alike: the websocket client
        // (`WebSocketConnector`) and server (`WebSocketListener`) on SwiftNIO, `NeuroTransport`,
        // `InMemoryTransport`. No client logic and no simulator: apps never reach into each other
        // for sockets.
        .target(
            name: "NeuroWebSocket",
            dependencies: [
                "NeuroProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "NeuroAPI",
            dependencies: [
                "NeuroProtocol",
                "NeuroWebSocket",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The stand-in server: on the transports and the protocol, not on the game SDK.
        .target(
            name: "NeuroSim",
            dependencies: [
                "NeuroProtocol",
                "NeuroWebSocket",
                "NeuroTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The LLM player's chat-completions requests.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The games compile against the pure protocol only: game rules never touch the network.
        .target(name: "GamePlugins", dependencies: ["NeuroProtocol"]),
        .target(
            name: "GameSessions",
            dependencies: [
                "NeuroAPI",
                "GamePlugins",
                .product(name: "Logging", package: "swift-log"),
                // NIOThreadPool: saves are blocking file writes, kept off the event loops.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The plugin test kit: a developer's test plays their plugin against an in-process
        // NeuroSim in one call. Not the Testing module: it reports, the caller's test asserts,
        // so it links into any test framework (or an executable).
        .target(
            name: "NeuroPluginTesting",
            dependencies: [
                "GamePlugins",
                "GameSessions",
                "NeuroSim",
                "NeuroAPI",
                "NeuroTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "NeuroHost",
            dependencies: [
                "NeuroAPI",
                "GamePlugins",
                "GameSessions",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The relay of `neuro-host --relay`: outside games connect to it as to Neuro and are hosted
        // like built-in ones. NeuroWebSocket for its listener, NeuroSim for its conformance rule ids.
        .target(
            name: "NeuroRelay",
            dependencies: [
                "NeuroHost",
                "GameSessions",
                "NeuroAPI",
                "NeuroWebSocket",
                "NeuroSim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What both command lines share: the second Ctrl-C that exits at once, NeuroSim's player
        // options, logging to standard error.
        .target(
            name: "CommandSupport",
            dependencies: [
                "NeuroSim",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The web dashboard of `neuro-host --dashboard`: HTTP, metrics, the page (not NeuroSim:
        // the simulator's controls come in through `SimulatorControls`).
        .target(
            name: "NeuroDashboard",
            dependencies: [
                "NeuroHost",
                "GameSessions",
                "NeuroAPI",
                "NeuroTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The whole `neuro-host` command (flags, process wiring, the in-process NeuroSim and its
        // dashboard controls), given a `GameCatalog`: what `neuro-host` and a developer's own
        // host run.
        .target(
            name: "NeuroHostCLI",
            dependencies: [
                "CommandSupport",
                "NeuroHost",
                "NeuroRelay",
                "NeuroDashboard",
                "GamePlugins",
                "GameSessions",
                "NeuroAPI",
                "NeuroSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `neuro-host`: NeuroHostCLI with `GameCatalog.builtIn`.
        .executableTarget(name: "NeuroHostCommand", dependencies: ["NeuroHostCLI"]),
        .executableTarget(
            name: "NeuroSimCommand",
            dependencies: [
                "CommandSupport",
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
                "NeuroTesting",
                "GamePlugins",
                "GameSessions",
                "NeuroHost",
                "NeuroRelay",
                "NeuroDashboard",
                // `soak-host`: neuro-host with the soak's faulty game in its catalog.
                "NeuroHostCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The soak's relay that stalls handshakes: a TCP proxy on NIO.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "NeuroAPITests",
            dependencies: [
                "NeuroAPI", "NeuroTestSupport",
                .product(name: "Logging", package: "swift-log"),
                // `testGracefulShutdown`: stops a reconnecting service without a whole ServiceGroup.
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        // The client and the server half against each other, and against misbehaving raw
        // servers on NIO.
        .testTarget(
            name: "NeuroWebSocketTests",
            dependencies: [
                "NeuroWebSocket",
                "NeuroProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                // The keep-alive's timing on an event loop whose time the test moves.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                // A wss:// server for the TLS round trip.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The soak's ledger, result and faulty game (neuro-bench's own logic, not its figures).
        .testTarget(
            name: "NeuroBenchTests",
            dependencies: [
                "NeuroBench", "NeuroAPI", "GamePlugins", "NeuroSim", "NeuroTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "NeuroProtocolTests", dependencies: ["NeuroProtocol", "NeuroTesting"]),
        .testTarget(name: "NeuroTestingTests", dependencies: ["NeuroTesting", "NeuroProtocol"]),
        // Helpers shared by the test targets (bounded waits, running the built executables).
        .target(name: "NeuroTestSupport", path: "Tests/NeuroTestSupport"),
        .testTarget(
            name: "NeuroSimTests",
            dependencies: [
                "NeuroSim", "NeuroAPI", "NeuroTesting", "NeuroTestSupport",
                // The LLM player's end-to-end test plays a real game.
                "GamePlugins", "GameSessions",
                // The server tests stall event loops of their own.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // The LLM player's tests run a scripted chat-completions server.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "GamePluginsTests",
            dependencies: ["GamePlugins", "GameSessions", "NeuroSim", "NeuroAPI", "NeuroTesting", "NeuroTestSupport"]),
        .testTarget(
            name: "NeuroPluginTestingTests",
            dependencies: [
                "NeuroPluginTesting", "GamePlugins", "GameSessions", "NeuroSim", "NeuroAPI", "NeuroTesting", "NeuroTestSupport",
            ]),
        .testTarget(
            name: "NeuroHostTests",
            dependencies: [
                "NeuroHost", "NeuroSim", "GamePlugins", "GameSessions", "NeuroAPI", "NeuroTesting", "NeuroTestSupport",
                // `testGracefulShutdown`: stops supervisors and hosts without a whole ServiceGroup.
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            // A peer the signal test runs as a separate process (python3).
            exclude: ["Support/unresponsive_neuro.py"]),
        .testTarget(
            name: "NeuroRelayTests",
            dependencies: [
                "NeuroRelay", "NeuroHost", "NeuroSim", "GamePlugins", "GameSessions", "NeuroAPI", "NeuroTestSupport",
                // A relayed game's row on the dashboard and /metrics.
                "NeuroDashboard",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]),
        // NeuroHostCLI in-process: a developer's catalog on the command line.
        .testTarget(
            name: "NeuroHostCLITests",
            dependencies: [
                "NeuroHostCLI", "NeuroAPI", "NeuroSim", "NeuroTestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "NeuroDashboardTests",
            dependencies: [
                "NeuroDashboard", "NeuroHost", "NeuroSim", "GamePlugins", "GameSessions", "NeuroAPI",
                "NeuroTesting", "NeuroTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // HTTPProbe: blocking loopback sockets on NIO's pool for blocking work.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
