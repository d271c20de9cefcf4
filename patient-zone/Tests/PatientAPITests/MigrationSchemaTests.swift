import Foundation
import Logging
import MySQL
import PatientAPI
import Testing

@Suite struct MigrationSchemaTests {
    static func schema(_ configuration: MySQLConfiguration) async throws -> [String] {
        let pool = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
        let result = try await pool.withConnection { connection in
            try ["users", "sessions", "schema_migrations"].map { table in
                try connection.query("SHOW CREATE TABLE \(table)", cache: false)[0].decode("Create Table", as: String.self)
                    .replacingOccurrences(of: #"AUTO_INCREMENT=\d+ "#, with: "", options: .regularExpression)
            }
        }
        await pool.shutdown()
        return result
    }

    static func emptyDatabase() async throws -> MySQLConfiguration {
        var configuration = try TestAPI.baseMySQL()
        let name = "patient_schema_\(UInt32.random(in: 0...UInt32.max))"
        let admin = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
        try await admin.withConnection { try $0.execute("CREATE DATABASE \(name) CHARACTER SET utf8mb4", cache: false) }
        await admin.shutdown()
        configuration.database = name
        configuration.readTimeoutSeconds = 60
        return configuration
    }

    @Test func realMigrationsTwiceAndConcurrentlyGiveTheSameSchema() async throws {
        let once = try await Self.emptyDatabase()
        let pool = MySQLPool(configuration: once, logger: Logger(label: "test"))
        let first = try await Migrations.run(pool: pool, directory: TestAPI.migrations, logger: Logger(label: "test"))
        let second = try await Migrations.run(pool: pool, directory: TestAPI.migrations, logger: Logger(label: "test"))
        await pool.shutdown()
        #expect(!first.isEmpty)
        #expect(second.isEmpty)

        let concurrent = try await Self.emptyDatabase()
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let pool = MySQLPool(configuration: concurrent, logger: Logger(label: "test"))
                    do {
                        let applied = try await Migrations.run(pool: pool, directory: TestAPI.migrations, logger: Logger(label: "test"))
                        await pool.shutdown()
                        return applied.count
                    } catch {
                        await pool.shutdown()
                        throw error
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(applied.sorted() == [0, 0, first.count])
        let left = try await Self.schema(once)
        let right = try await Self.schema(concurrent)
        #expect(left == right)
        #expect(left[0].contains("UNIQUE KEY `users_email_unique`"))
        #expect(left[1].contains("`token_hash` binary(32)"))
    }
}
