// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over NeuroAPI's input handling. A separate package, so the fuzzer and
// address-sanitizer flags never touch the main build, and small: its `NeuroAPI` module is
// the pure core of the real one (JSON, Protocol, Actions, Schema, Errors and Random, linked
// from ../Sources/NeuroAPI), without the networking.
//
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address
//   Fuzz/.build/debug/FuzzNeuroMessages Fuzz/Corpus -max_total_time=60
let package = Package(
    name: "neuro-fuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0")
    ],
    targets: [
        .target(
            name: "NeuroAPI",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .executableTarget(name: "FuzzNeuroMessages", dependencies: ["NeuroAPI"]),
    ],
    swiftLanguageModes: [.v6]
)
