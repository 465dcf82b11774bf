// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The loader's structural scan, 32 bytes a step (SSE2 where the CPU has it).
        .target(name: "CStrataScan"),
        .target(name: "StrataCore", dependencies: ["CStrataScan"]),
        .target(name: "StrataLang", dependencies: ["StrataCore"]),
        .target(name: "StrataEngine", dependencies: ["StrataCore", "StrataLang"]),
        .target(
            name: "StrataWorkspace",
            dependencies: ["StrataCore", "StrataEngine", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "StrataNotebook", dependencies: ["StrataCore", "StrataLang", "StrataEngine"]),
        .target(name: "StrataGenerator", dependencies: ["StrataCore"]),
        .executableTarget(
            name: "strata",
            dependencies: [
                "CLibEdit", "StrataCore", "StrataLang", "StrataEngine", "StrataNotebook", "StrataGenerator",
                "StrataWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (Tests/Fuzz): `make fuzz` builds them with libFuzzer; the ordinary build
        // makes them replay Tests/Fuzz/corpus, which `make test` runs.
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", "StrataCore"], path: "Tests/Fuzz/FuzzCSV"),
        .executableTarget(
            name: "fuzz-statement", dependencies: ["FuzzSupport", "StrataCore", "StrataLang", "StrataEngine"],
            path: "Tests/Fuzz/FuzzStatement"
        ),
        .executableTarget(name: "fuzz-notebook", dependencies: ["FuzzSupport", "StrataNotebook"], path: "Tests/Fuzz/FuzzNotebook"),
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore", "CStrataScan"]),
        .testTarget(name: "StrataLangTests", dependencies: ["StrataLang"]),
        .testTarget(name: "StrataEngineTests", dependencies: ["StrataEngine"]),
        .testTarget(name: "StrataNotebookTests", dependencies: ["StrataNotebook", "StrataEngine", "StrataCore"]),
        .testTarget(name: "StrataGeneratorTests", dependencies: ["StrataGenerator", "StrataCore"]),
        .testTarget(name: "StrataWorkspaceTests", dependencies: ["StrataWorkspace", "StrataEngine", "StrataCore"]),
        .testTarget(name: "StrataEndToEndTests", dependencies: ["StrataCore"]),
    ]
)
