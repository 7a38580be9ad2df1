// swift-tools-version:6.0
import Foundation
import PackageDescription

// Dice Duel: a game plugin of its own, its `neuro-host`, and its tests written with the plugin
// test kit. It depends on the neuro-swift SDK by path, as an example inside the SDK's
// repository. Copied elsewhere, depend on the SDK by URL instead (README, "Your own game"):
//
//   .package(url: "https://github.com/OWNER/neuro-swift.git", branch: "main"),
//
//   swift test                                  # the kit's conformance check and the rule tests
//   swift run dice-duel-host --simulate --config games.json
//
// The host executable needs the SDK's `NeuroHostCLI` product (the `neuro-host` command line as
// a library call). Until that product is in the SDK the target is left out, so the game and its
// tests build on their own; it is built as soon as `Sources/NeuroHostCLI` exists next to us.
// TODO(merge of host-cli): make the target unconditional. (SwiftPM caches the evaluated
// manifest by its text, so an existing .build does not notice the folder appear or vanish; a
// fresh clone, or an edit of this file, does.)
let hasHostCLI = FileManager.default.fileExists(atPath: Context.packageDirectory + "/../../Sources/NeuroHostCLI")

let host: [Target] =
    hasHostCLI
    ? [
        .executableTarget(
            name: "DiceDuelHost",
            dependencies: [
                "DiceDuel",
                .product(name: "GamePlugins", package: "neuro-swift"),
                .product(name: "NeuroHostCLI", package: "neuro-swift"),
            ]
        )
    ] : []

let package = Package(
    name: "DiceDuel",
    platforms: [.macOS(.v15)],
    products: [.library(name: "DiceDuel", targets: ["DiceDuel"])]
        + (hasHostCLI ? [.executable(name: "dice-duel-host", targets: ["DiceDuelHost"])] : []),
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
    ] + host,
    swiftLanguageModes: [.v6]
)
