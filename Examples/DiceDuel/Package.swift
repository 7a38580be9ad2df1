// swift-tools-version:6.0
import PackageDescription

// Dice Duel: a game plugin of its own, its `neuro-host`, and its tests written with the plugin
// test kit. It depends on the neuro-swift SDK by path, as an example inside the SDK's
// repository. Copied elsewhere, depend on the SDK by URL instead (README, "Your own game"):
//
//   .package(url: "<the SDK's git URL>", branch: "main"),
//
//   swift test                                  # the kit's conformance check and the rule tests
//   swift run dice-duel-host --simulate --config games.json
//
let package = Package(
    name: "DiceDuel",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DiceDuel", targets: ["DiceDuel"]),
        .executable(name: "dice-duel-host", targets: ["DiceDuelHost"]),
    ],
    dependencies: [
        .package(name: "neuro-swift", path: "../..")
    ],
    targets: [
        // The game: pure rules, so it needs only the plugin API (and the JSON values it is built on).
        .target(
            name: "DiceDuel",
            dependencies: [
                .product(name: "GamePlugins", package: "neuro-swift"),
                .product(name: "NeuroProtocol", package: "neuro-swift"),
            ]
        ),
        .testTarget(
            name: "DiceDuelTests",
            dependencies: [
                "DiceDuel",
                .product(name: "GamePlugins", package: "neuro-swift"),
                .product(name: "NeuroProtocol", package: "neuro-swift"),
                .product(name: "NeuroPluginTesting", package: "neuro-swift"),
            ]
        ),
        // Its host: the whole `neuro-host` command with the built-in games and Dice Duel.
        .executableTarget(
            name: "DiceDuelHost",
            dependencies: [
                "DiceDuel",
                .product(name: "GamePlugins", package: "neuro-swift"),
                .product(name: "NeuroHostCLI", package: "neuro-swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
