// swift-tools-version: 6.1
// Cloud Doctor: one SwiftPM package for every Swift target of both zones.
// Each target names its folder with `path:` so the layout reads from here.
// Targets list only the products they use: a test run builds no heavy dependency it does not need.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CloudDoctor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "patient-api", targets: ["patient-api"]),
        .executable(name: "doctor", targets: ["doctor"]),
        .library(name: "BCrypt", targets: ["BCrypt"]),
        .library(name: "LogTriage", targets: ["LogTriage"]),
        .library(name: "CloudDoctorModels", targets: ["CloudDoctorModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        // MARK: shared/ — code both zones use
        .target(
            name: "CloudDoctorModels",
            path: "shared/Sources/CloudDoctorModels",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StructuredLogging",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "shared/Sources/StructuredLogging",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AWSCore",
            dependencies: [
                "CloudDoctorModels", "StructuredLogging",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "shared/Sources/AWSCore",
            swiftSettings: swiftSettings
        ),

        // MARK: patient-zone/ — the 3-tier app's API
        .target(
            name: "BCrypt",
            path: "patient-zone/Sources/BCrypt",
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CMySQL",
            path: "patient-zone/Sources/CMySQL",
            pkgConfig: "mysqlclient",
            providers: [.apt(["default-libmysqlclient-dev"])]
        ),
        .target(
            name: "MySQL",
            dependencies: [
                "CMySQL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "patient-zone/Sources/MySQL",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PatientAPI",
            dependencies: [
                "BCrypt", "MySQL", "StructuredLogging", "CloudDoctorModels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "patient-zone/Sources/PatientAPI",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "patient-api",
            dependencies: [
                "BCrypt", "PatientAPI", "MySQL", "StructuredLogging", "AWSCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "patient-zone/Sources/patient-api",
            swiftSettings: swiftSettings
        ),

        // MARK: doctor-zone/ — diagnosis service and CLI
        .target(
            name: "LogTriage",
            dependencies: ["CloudDoctorModels"],
            path: "doctor-zone/Sources/LogTriage",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Diagnosis",
            dependencies: ["CloudDoctorModels", "LogTriage"],
            path: "doctor-zone/Sources/Diagnosis",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CloudClients",
            dependencies: [
                "CloudDoctorModels", "AWSCore", "Diagnosis", "LogTriage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            path: "doctor-zone/Sources/CloudClients",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ChatOps",
            dependencies: [
                "CloudDoctorModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "doctor-zone/Sources/ChatOps",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DoctorServer",
            dependencies: [
                "ChatOps", "Diagnosis", "LogTriage", "CloudClients", "StructuredLogging",
                "AWSCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "doctor-zone/Sources/DoctorServer",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "doctor",
            dependencies: [
                "LogTriage", "Diagnosis", "DoctorServer", "CloudClients", "AWSCore", "ChatOps",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), "StructuredLogging",
            ],
            path: "doctor-zone/Sources/doctor",
            swiftSettings: swiftSettings
        ),

        // MARK: tests (Swift Testing)
        .testTarget(name: "CloudDoctorModelsTests", dependencies: ["CloudDoctorModels"],
                    path: "shared/Tests/CloudDoctorModelsTests"),
        .testTarget(name: "StructuredLoggingTests", dependencies: ["StructuredLogging"],
                    path: "shared/Tests/StructuredLoggingTests"),
        .target(name: "CloudTestSupport", dependencies: [
                    .product(name: "Hummingbird", package: "hummingbird"),
                    .product(name: "Logging", package: "swift-log"),
                ], path: "shared/Tests/CloudTestSupport"),
        .testTarget(name: "AWSCoreTests", dependencies: [
                        "AWSCore", "CloudTestSupport",
                    ],
                    path: "shared/Tests/AWSCoreTests",
                    exclude: ["Fixtures"]),
        .testTarget(name: "BCryptTests", dependencies: ["BCrypt"],
                    path: "patient-zone/Tests/BCryptTests"),
        .testTarget(name: "MySQLTests", dependencies: [
                        "MySQL", "CloudTestSupport", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                    ],
                    path: "patient-zone/Tests/MySQLTests"),
        .testTarget(name: "PatientAPITests", dependencies: [
                        "PatientAPI", "MySQL", "CloudTestSupport",
                        .product(name: "HummingbirdTesting", package: "hummingbird"),
                        .product(name: "Logging", package: "swift-log"),
                    ],
                    path: "patient-zone/Tests/PatientAPITests"),
        .testTarget(name: "PatientAPICLITests",
                    path: "patient-zone/Tests/PatientAPICLITests"),
        .testTarget(name: "LogTriageTests", dependencies: ["LogTriage"],
                    path: "doctor-zone/Tests/LogTriageTests"),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "LogTriage", "CloudDoctorModels"],
                    path: "doctor-zone/Tests/DiagnosisTests", exclude: ["Fixtures"]),
        .testTarget(name: "CloudClientsTests", dependencies: [
                        "CloudClients", "CloudTestSupport", "AWSCore", "StructuredLogging",
                    ],
                    path: "doctor-zone/Tests/CloudClientsTests"),
        .testTarget(name: "ChatOpsTests", dependencies: [
                        "ChatOps", "CloudTestSupport",
                        .product(name: "X509", package: "swift-certificates"),
                        .product(name: "_CryptoExtras", package: "swift-crypto"),
                        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                    ],
                    path: "doctor-zone/Tests/ChatOpsTests"),
        .testTarget(name: "DoctorServerTests", dependencies: [
                        "DoctorServer", "ChatOps", "CloudDoctorModels",
                        "AWSCore", "CloudClients", "CloudTestSupport",
                        .product(name: "Hummingbird", package: "hummingbird"),
                        .product(name: "HummingbirdTLS", package: "hummingbird"),
                        .product(name: "AsyncHTTPClient", package: "async-http-client"),
                        .product(name: "X509", package: "swift-certificates"),
                        .product(name: "_CryptoExtras", package: "swift-crypto"),
                        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                        .product(name: "Logging", package: "swift-log"),
                    ],
                    path: "doctor-zone/Tests/DoctorServerTests"),
    ],
    swiftLanguageModes: [.v6]
)
