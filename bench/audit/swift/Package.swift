// swift-tools-version: 6.0
// Benchmark driver for DatasetAudit (not part of the product). `speed.sh`
// links the repository at ../../out/dman first, so the dependency's identity
// is `dman` wherever the checkout lives.
import PackageDescription

let package = Package(
    name: "audit-bench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "../../out/dman")],
    targets: [
        .executableTarget(
            name: "audit-bench",
            dependencies: [
                .product(name: "DatasetAudit", package: "dman"),
                .product(name: "DmanCore", package: "dman"),
            ]
        ),
    ]
)
