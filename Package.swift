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
        .target(name: "StrataCore"),
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
        .testTarget(name: "StrataCoreTests", dependencies: ["StrataCore"]),
        .testTarget(name: "StrataLangTests", dependencies: ["StrataLang"]),
        .testTarget(name: "StrataEngineTests", dependencies: ["StrataEngine"]),
        .testTarget(name: "StrataNotebookTests", dependencies: ["StrataNotebook", "StrataEngine", "StrataCore"]),
        .testTarget(name: "StrataGeneratorTests", dependencies: ["StrataGenerator", "StrataCore"]),
        .testTarget(name: "StrataWorkspaceTests", dependencies: ["StrataWorkspace", "StrataEngine", "StrataCore"]),
        .testTarget(name: "StrataEndToEndTests", dependencies: ["StrataCore"]),
    ]
)
