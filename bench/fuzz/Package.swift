// swift-tools-version: 6.0
import PackageDescription

/// Seeded random-mutation fuzzing of dman's manifest parsers and dataset.json
/// reader. A separate package so the fuzz driver never enters the product.
let package = Package(
    name: "dman-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "dman", path: "../..")],
    targets: [
        .executableTarget(
            name: "manifest-fuzz",
            dependencies: [
                .product(name: "Crop", package: "dman"),
                .product(name: "DmanCore", package: "dman"),
            ]
        ),
    ]
)
