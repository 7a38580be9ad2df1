// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over the protocol's input handling. A separate package, so the fuzzer and
// address-sanitizer flags never touch the main build. It depends on the main package by path
// and builds only its pure modules: `NeuroProtocol` (JSON, messages, actions, schemas) and
// `NeuroTesting` (data generated from schemas), no networking.
//
//   swift build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address
//   Fuzz/.build/debug/FuzzNeuroMessages Fuzz/Corpus -max_total_time=60
let package = Package(
    name: "neuro-fuzz",
    dependencies: [
        .package(name: "neuro-swift", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "FuzzNeuroMessages",
            dependencies: [
                .product(name: "NeuroProtocol", package: "neuro-swift"),
                .product(name: "NeuroTesting", package: "neuro-swift"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
