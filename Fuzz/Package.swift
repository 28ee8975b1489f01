// swift-tools-version:6.1
// The libFuzzer binary. Built only by `make fuzz` (Fuzz/run.sh), with -sanitize=fuzzer,address; kept out of the
// main package so that the normal build and CI stay fast. The invariants live in the main package's
// FuzzInvariants, whose tests replay Fuzz/Corpus.
import PackageDescription

let package = Package(
    name: "mls-pprf-fuzz",
    dependencies: [.package(name: "mls-pprf", path: "..")],
    targets: [
        .executableTarget(
            name: "Fuzzer",
            dependencies: [
                .product(name: "FuzzInvariants", package: "mls-pprf")
            ])
    ],
    swiftLanguageModes: [.v6]
)
