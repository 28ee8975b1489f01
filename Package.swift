// swift-tools-version:6.1
// The package layers point down only: CSodium/CBlake2/COpenSSL <- MLSCrypto <- MLSCore <- PuncturablePRF <- PPRFTool.
import PackageDescription

let package = Package(
    name: "mls-pprf",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "MLSCrypto", targets: ["MLSCrypto"]),
        .library(name: "MLSCore", targets: ["MLSCore"]),
        .library(name: "PuncturablePRF", targets: ["PuncturablePRF"]),
        .library(name: "ChallengeMath", targets: ["ChallengeMath"]),
        .library(name: "PPRFProtection", targets: ["PPRFProtection"]),
        .library(name: "VirtualClients", targets: ["VirtualClients"]),
        .library(name: "FuzzInvariants", targets: ["FuzzInvariants"]),
        .library(name: "InteropVectors", targets: ["InteropVectors"]),
        .library(name: "RFC9420Vectors", targets: ["RFC9420Vectors"]),
        .library(name: "JSONSupport", targets: ["JSONSupport"]),
        .library(name: "MessageJobs", targets: ["MessageJobs"]),
        .library(name: "WorkingGroupDesign", targets: ["WorkingGroupDesign"]),
        .executable(name: "pprf", targets: ["PPRFTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        // Exact integers for the collision decisions (ChallengeMath) and exact rational references (tests).
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
        // `swift package generate-documentation` for the DocC catalogs (make docs); not linked into any target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CBlake2", pkgConfig: "libb2", providers: [.apt(["libb2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // The only target that imports C (and swift-crypto): every primitive lives here.
        .target(
            name: "MLSCrypto",
            dependencies: [
                "CSodium", "CBlake2", "COpenSSL", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "MLSCore", dependencies: ["MLSCrypto"]),
        // The one strict JSON writer (ordered keys, escaped strings, no inf or NaN) and reader of the package.
        .target(name: "JSONSupport", dependencies: ["MLSCore"]),
        // Collision and state-size mathematics: no crypto dependency.
        // Exact decisions at the target need integers beyond 128 bits (issue 12): attaswift/BigInt.
        .target(name: "ChallengeMath", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        .target(name: "PuncturablePRF", dependencies: ["MLSCore", "MLSCrypto", "ChallengeMath"]),
        .target(name: "PPRFProtection", dependencies: ["MLSCore", "MLSCrypto", "PuncturablePRF"]),
        // The invariants the fuzz targets (Fuzz/) check; the tests replay the committed corpus through them.
        .target(
            name: "FuzzInvariants",
            dependencies: [
                "MLSCore", "MLSCrypto", "PuncturablePRF", "PPRFProtection", "MessageJobs", "ChallengeMath",
            ]),
        // The simulator runs the working group's design as two of its strategies (issue 17).
        .target(
            name: "VirtualClients",
            dependencies: ["MLSCore", "MLSCrypto", "PPRFProtection", "PuncturablePRF", "WorkingGroupDesign"]),
        // draft-ietf-mls-virtual-clients-01: FF1 over AES, the reuse guard, generation IDs (SPEC.md appendix A).
        .target(name: "WorkingGroupDesign", dependencies: ["MLSCore", "MLSCrypto", "JSONSupport"]),
        .target(
            name: "TradeoffAnalysis",
            dependencies: [
                "ChallengeMath", "PuncturablePRF", "PPRFProtection", "MLSCore", "MLSCrypto", "JSONSupport",
                // The report's strategies section runs the simulator (issue 18: StrategyReport is library logic).
                "VirtualClients",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        // One Codable model per official RFC 9420 vector kind, read by MLSCoreTests and InteropVectors alike:
        // its own target so that reading them needs nothing above MLSCore (no PPRF, no BigInt).
        .target(name: "RFC9420Vectors", dependencies: ["MLSCore", "MLSCrypto", "JSONSupport"]),
        .target(
            name: "InteropVectors",
            dependencies: [
                "MLSCore", "MLSCrypto", "PuncturablePRF", "PPRFProtection", "ChallengeMath", "JSONSupport",
                "RFC9420Vectors",
                .product(name: "BigInt", package: "BigInt"),
            ]),
        // The tool's `pprf message protect|unprotect` jobs: a library (not the executable) so that the fuzz
        // invariants can decode jobs too.
        .target(
            name: "MessageJobs",
            dependencies: ["MLSCore", "MLSCrypto", "PuncturablePRF", "PPRFProtection", "JSONSupport"]
        ),
        .executableTarget(
            name: "PPRFTool",
            dependencies: [
                "MLSCore", "MLSCrypto", "PuncturablePRF", "InteropVectors", "ChallengeMath", "PPRFProtection",
                "TradeoffAnalysis", "VirtualClients", "WorkingGroupDesign", "FuzzInvariants", "JSONSupport",
                "MessageJobs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .testTarget(
            name: "MLSCryptoTests",
            dependencies: ["MLSCrypto", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        // The official RFC 9420 vector files, once, for every test target that reads them (Bundle.module).
        .target(name: "TestVectorResources", path: "Tests/TestVectorResources", resources: [.copy("RFC9420")]),
        // What several test targets share: the seeded test RNG (ChallengeMath's SplitMix64) and the check of
        // error descriptions.
        .target(name: "TestSupport", dependencies: ["ChallengeMath"], path: "Tests/TestSupport"),
        .testTarget(
            name: "MLSCoreTests", dependencies: ["MLSCore", "MLSCrypto", "RFC9420Vectors", "TestVectorResources"]),
        .testTarget(
            name: "RFC9420VectorsTests",
            dependencies: ["RFC9420Vectors", "JSONSupport", "MLSCore", "TestVectorResources"]),
        .testTarget(
            name: "InteropVectorsTests",
            dependencies: ["InteropVectors", "MLSCore", "PPRFProtection", "TestVectorResources"]),
        .testTarget(
            name: "PPRFProtectionTests",
            dependencies: ["PPRFProtection", "PuncturablePRF", "MLSCore", "MLSCrypto", "TestSupport"]),
        .testTarget(
            name: "ChallengeMathTests",
            dependencies: ["ChallengeMath", "TestSupport", .product(name: "BigInt", package: "BigInt")],
            exclude: ["make_reference.py"]),
        .testTarget(
            name: "TradeoffAnalysisTests",
            dependencies: [
                "TradeoffAnalysis", "ChallengeMath", "PuncturablePRF", "MLSCore", "MLSCrypto", "VirtualClients",
                "JSONSupport", "TestSupport",
            ]),
        .testTarget(
            name: "VirtualClientsTests",
            dependencies: [
                "VirtualClients", "PPRFProtection", "PuncturablePRF", "MLSCore", "MLSCrypto", "WorkingGroupDesign",
            ]),
        .testTarget(name: "HostileInputTests", dependencies: ["FuzzInvariants"]),
        .testTarget(name: "WorkingGroupDesignTests", dependencies: ["WorkingGroupDesign", "MLSCore", "MLSCrypto"]),
        // Runs the built `pprf` binary: exit codes, messages and strict JSON of every command,
        // and the message jobs' decoder and runner (MessageJobs) directly.
        .testTarget(
            name: "PPRFToolTests",
            dependencies: [
                "PPRFTool", "MessageJobs", "JSONSupport", "MLSCore", "MLSCrypto", "PPRFProtection", "TestSupport",
            ]),
        .testTarget(
            name: "PuncturablePRFTests",
            dependencies: ["PuncturablePRF", "MLSCore", "MLSCrypto", "TestVectorResources", "TestSupport"]),
        // README "Using the library": the examples verbatim, compiled and run, and checked against README.md.
        .testTarget(
            name: "ReadmeExamplesTests",
            dependencies: ["MLSCore", "MLSCrypto", "PuncturablePRF", "PPRFProtection", "ChallengeMath"]),
    ],
    swiftLanguageModes: [.v6]
)
