import Foundation
import Logging
import MySQL
import Testing

@Suite struct MySQLMigratorTests {
    private func migrations(_ table: String) -> [MySQLMigration] {
        [
            MySQLMigration(version: 1, name: "create", sql: "CREATE TABLE \(table) (id INT PRIMARY KEY);"),
            MySQLMigration(version: 2, name: "column", sql: "ALTER TABLE \(table) ADD COLUMN note VARCHAR(20) NULL;"),
        ]
    }

    @Test func migrationsApplyOnceEvenWhenRunTwiceAndConcurrently() async throws {
        let database = "migrate_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try TestDatabase.pool(poolSize: 1)
        try await admin.withConnection { try $0.execute("CREATE DATABASE \(database)", cache: false) }
        var settings = try TestDatabase.configuration(poolSize: 2)
        settings.database = database
        let configuration = settings
        let steps = migrations("things")
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let pool = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
                    let result: Result<[Int], any Error>
                    do {
                        result = .success(try await MySQLMigrator(pool: pool, logger: Logger(label: "test")).migrate(steps))
                    } catch {
                        result = .failure(error)
                    }
                    await pool.shutdown()
                    return try result.get()
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        let pool = MySQLPool(configuration: configuration, logger: Logger(label: "test"))
        let again = try await MySQLMigrator(pool: pool, logger: Logger(label: "test")).migrate(steps)
        let versions = try await pool.withConnection {
            try $0.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode("version", as: Int.self) }
        }
        let columns = try await pool.withConnection {
            try $0.query("SELECT COUNT(*) AS c FROM information_schema.columns WHERE table_schema = ? AND table_name = 'things'",
                         [database])[0].decode("c", as: Int.self)
        }
        await pool.shutdown()
        try await admin.withConnection { try $0.execute("DROP DATABASE \(database)", cache: false) }
        await admin.shutdown()
        #expect(applied.filter { !$0.isEmpty } == [[1, 2]])
        #expect(again.isEmpty)
        #expect(versions == [1, 2])
        #expect(columns == 2)
    }
}
