import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MySQL
import NIOConcurrencyHelpers
import PatientAPI
import Testing

/// A fresh, migrated database on the MariaDB of `scripts/test` for each test, and the API on loopback.
enum TestAPI {
    static let migrations = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations")

    static func baseMySQL() throws -> MySQLConfiguration {
        guard let url = ProcessInfo.processInfo.environment["MYSQL_TEST_URL"], !url.isEmpty else {
            Issue.record("MYSQL_TEST_URL is not set: run the tests with scripts/test, which starts MariaDB")
            throw MySQLError(kind: .invalidConfiguration, message: "MYSQL_TEST_URL is not set")
        }
        return try MySQLConfiguration(url: url)
    }

    /// Creates `patient_test_<random>`, applies the real migrations, returns its configuration.
    static func freshDatabase(base: MySQLConfiguration? = nil) async throws -> MySQLConfiguration {
        var configuration = try base ?? baseMySQL()
        let name = "patient_test_\(UInt32.random(in: 0...UInt32.max))"
        let normalReadTimeout = configuration.readTimeoutSeconds
        configuration.readTimeoutSeconds = 60  // DDL on a loaded machine can be slow
        let admin = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
        try await admin.withConnection { try $0.execute("CREATE DATABASE \(name) CHARACTER SET utf8mb4", cache: false) }
        await admin.shutdown()
        configuration.database = name
        let pool = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
        try await Migrations.run(pool: pool, directory: migrations, logger: Logger(label: "test"))
        await pool.shutdown()
        configuration.readTimeoutSeconds = normalReadTimeout
        return configuration
    }

    static func configuration(mysql: MySQLConfiguration) -> PatientAPIConfiguration {
        var configuration = PatientAPIConfiguration(mysql: mysql)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.bcryptCost = 4
        configuration.chaosToken = "test-chaos-token"
        return configuration
    }

    /// Runs `body` against the API served on loopback (real HTTP through AsyncHTTPClient).
    static func run<T: Sendable>(
        _ configuration: PatientAPIConfiguration, logs: LogCapture? = nil,
        _ body: @Sendable (any TestClientProtocol, PatientAPIApplication) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "patient-api") { label in logs ?? LogCapture() }
        logger.logLevel = .info
        let api = try PatientAPIApplication(configuration: configuration, logger: logger)
        return try await api.application().test(.ahc(.http)) { client in try await body(client, api) }
    }

    static func json(_ object: [String: Any]) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    static func object(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    static func errorCode(_ response: TestResponse) -> String? {
        (object(response)["error"] as? [String: Any])?["code"] as? String
    }

    /// Signs up and returns (user id, token).
    static func signup(_ client: any TestClientProtocol, email: String, password: String = "correct horse") async throws -> (Int, String) {
        let response = try await client.execute(
            uri: "/api/auth/signup", method: .post, headers: jsonHeaders, body: json(["email": email, "password": password]))
        #expect(response.status == .created)
        let object = object(response)
        let user = object["user"] as? [String: Any]
        return (user?["id"] as? Int ?? -1, object["token"] as? String ?? "")
    }
}

/// Keeps every log line in memory so tests can read what the service logged.
struct LogCapture: LogHandler, Sendable {
    struct Line: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }
    private let box: NIOLockedValueBox<[Line]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init() { box = NIOLockedValueBox([]) }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
             source: String, file: String, function: String, line: UInt) {
        let merged = metadata.merging(explicit ?? [:]) { _, new in new }
        box.withLockedValue {
            $0.append(Line(level: level, message: message.description, metadata: merged.mapValues { "\($0)" }))
        }
    }

    var lines: [Line] { box.withLockedValue { $0 } }
}
