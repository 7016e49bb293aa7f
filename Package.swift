// swift-tools-version: 6.0
import PackageDescription

/// dman: crop, augment, audit and GAN training for character-art datasets.
///
/// Stage modules never import each other: they share dataset folders and the
/// records in `DmanCore`. Each C library is imported (internally) by exactly
/// one Swift module: MagickWand, libpng and libjpeg-turbo (through the small C
/// front `CJPEGTurbo`) by `DmanCore`, OpenBLAS by `GANCore`.
let package = Package(
    name: "dman",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dman", targets: ["dman"]),
        .library(name: "DmanCore", targets: ["DmanCore"]),
        .library(name: "Crop", targets: ["Crop"]),
        .library(name: "Augment", targets: ["Augment"]),
        .library(name: "DatasetAudit", targets: ["DatasetAudit"]),
        .library(name: "GANCore", targets: ["GANCore"]),
        .library(name: "WebUI", targets: ["WebUI"]),
        .library(name: "DemoArt", targets: ["DemoArt"]),
        .library(name: "DmanPipeline", targets: ["DmanPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // SHA-256 with the CPU's SHA extensions (BoringSSL); 74 s of clean release build measured alone here.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The label and review pages' HTTP server: 23 s of clean release build
        // here, against NIO's several minutes for Hummingbird (docs: WebUI.md).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMagickWand",
            pkgConfig: "MagickWand",
            providers: [.apt(["libmagickwand-dev"])]
        ),
        .systemLibrary(
            name: "CLibPNG",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Not linked: GANCore dlopens libopenblas on its first GEMM, so crop/augment/audit
        // processes never start OpenBLAS's spinning thread pool (bench/augment/README.md).
        .systemLibrary(
            name: "COpenBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // libjpeg-turbo's libjpeg API (libjpeg62-turbo-dev); C because its errors longjmp.
        .target(name: "CJPEGTurbo", linkerSettings: [.linkedLibrary("jpeg")]),
        .target(name: "DmanCore", dependencies: [
            "CMagickWand", "CLibPNG", "CZlib", "CJPEGTurbo", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Crop", dependencies: ["DmanCore"]),
        .target(name: "Augment", dependencies: ["DmanCore"]),
        .target(name: "DatasetAudit", dependencies: ["DmanCore"]),
        .target(name: "GANCore", dependencies: ["DmanCore", "COpenBLAS"]),
        .target(name: "DemoArt", dependencies: ["DmanCore"]),
        // Every stage in order, through the stage libraries with typed options (docs: DmanPipeline.md).
        .target(name: "DmanPipeline", dependencies: [
            "DmanCore", "Crop", "Augment", "DatasetAudit", "GANCore", .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "WebUI", dependencies: ["DmanCore", "Crop", "DatasetAudit", .product(name: "FlyingFox", package: "FlyingFox")],
                resources: [.copy("Assets")]),
        .executableTarget(
            name: "dman",
            dependencies: [
                "DmanCore", "Crop", "Augment", "DatasetAudit", "GANCore", "WebUI", "DemoArt", "DmanPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DmanTestSupport", dependencies: ["DmanCore"], path: "Tests/DmanTestSupport"),
        .testTarget(name: "DmanCoreTests", dependencies: ["DmanCore", "DmanTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CropTests", dependencies: ["Crop", "DmanCore", "DmanTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AugmentTests", dependencies: ["Augment", "DmanCore", "DmanTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DatasetAuditTests", dependencies: ["DatasetAudit", "DmanCore", "DmanTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GANCoreTests", dependencies: ["GANCore", "DmanCore", "DmanTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WebUITests", dependencies: ["WebUI", "DmanCore", "DmanTestSupport",
                                                       .product(name: "FlyingFox", package: "FlyingFox")],
                    exclude: ["Browser"]),
        .testTarget(name: "DemoArtTests", dependencies: ["DemoArt", "DmanCore", "DmanTestSupport"]),
        .testTarget(name: "DmanPipelineTests", dependencies: [
            "DmanPipeline", "DemoArt", "Crop", "Augment", "DatasetAudit", "GANCore", "DmanCore", "DmanTestSupport",
        ]),
        .testTarget(name: "dmanTests", dependencies: ["dman", "DmanCore", "DmanPipeline", "DmanTestSupport"]),
    ]
)
