// swift-tools-version: 6.1
// Benchmarks for Cloud Doctor (ordo-one/benchmark). A separate package so the main build never
// compiles the benchmark machinery; it depends on the root package by path.
// Run: scripts/bench-bcrypt (or `swift package benchmark` in this directory).
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its directory, which differs between checkouts
/// (`main`, a worktree, a CI clone), so we read it instead of hard-coding it.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "CloudDoctorBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        // Only for its vendored C bcrypt (OpenBSD's), the in-process reference for our pure-Swift one.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        // For the /healthz ceiling (a one-route server); the same release line as the API's.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libxcrypt's crypt_r (Debian's libcrypt), a second C reference.
        .systemLibrary(
            name: "CXCrypt",
            path: "Sources/CXCrypt",
            providers: [.apt(["libcrypt-dev"])]
        ),
        .executableTarget(
            name: "BCryptBenchmarks",
            dependencies: [
                .product(name: "BCrypt", package: rootPackage),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                "CXCrypt",
            ],
            path: "Benchmarks/BCryptBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
        .executableTarget(
            name: "hello-hummingbird",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/HelloHummingbird"
        ),
        .executableTarget(
            name: "hello-nio",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/HelloNIO"
        ),
    ],
    swiftLanguageModes: [.v6]
)
