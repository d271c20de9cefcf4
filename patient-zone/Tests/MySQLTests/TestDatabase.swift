import Foundation
import Logging
import MySQL
import Testing

/// The MariaDB that `scripts/test` starts. A test that needs it fails (never skips) without it.
enum TestDatabase {
    static func configuration(
        poolSize: Int = 4, acquireTimeout: Duration = .seconds(2), readTimeoutSeconds: UInt32 = 5
    ) throws -> MySQLConfiguration {
        guard let url = ProcessInfo.processInfo.environment["MYSQL_TEST_URL"], !url.isEmpty else {
            Issue.record("MYSQL_TEST_URL is not set: run the tests with scripts/test, which starts MariaDB")
            throw MySQLError(kind: .invalidConfiguration, message: "MYSQL_TEST_URL is not set")
        }
        var configuration = try MySQLConfiguration(url: url)
        configuration.poolSize = poolSize
        configuration.acquireTimeout = acquireTimeout
        configuration.readTimeoutSeconds = readTimeoutSeconds
        return configuration
    }

    static func pool(
        poolSize: Int = 4, acquireTimeout: Duration = .seconds(2), readTimeoutSeconds: UInt32 = 5
    ) throws -> MySQLPool {
        MySQLPool(
            configuration: try configuration(
                poolSize: poolSize, acquireTimeout: acquireTimeout, readTimeoutSeconds: readTimeoutSeconds),
            logger: Logger(label: "test.mysql")
        )
    }

    /// A table name no other test uses.
    static func uniqueTable(_ prefix: String) -> String {
        "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
    }
}
