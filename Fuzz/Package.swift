// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets over NeuroAPI's input handling. A separate package so that the fuzzer
// and address-sanitizer flags never touch the main build:
//   swift build --package-path Fuzz -c debug --sanitize=fuzzer --sanitize=address
//   Fuzz/.build/debug/FuzzNeuroMessages Fuzz/Corpus -max_total_time=60
let package = Package(
    name: "neuro-fuzz",
    dependencies: [.package(name: "neuro-swift", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzNeuroMessages",
            dependencies: [.product(name: "NeuroAPI", package: "neuro-swift")]
        )
    ],
    swiftLanguageModes: [.v6]
)
