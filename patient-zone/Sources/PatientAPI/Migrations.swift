import Foundation
import Logging
import MySQL

/// Finds and applies `patient-zone/migrations/*.sql`.
public enum Migrations {
    /// `MIGRATIONS_DIR`, else `migrations/` beside the executable, else `patient-zone/migrations`
    /// under the working directory.
    public static func directory(configured: URL?) -> URL? {
        if let configured { return configured }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        let candidates = [
            executable.appendingPathComponent("migrations"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("patient-zone/migrations"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    @discardableResult
    public static func run(pool: MySQLPool, directory: URL, logger: Logger) async throws -> [Int] {
        let migrations = try MySQLMigration.load(from: directory)
        let applied = try await MySQLMigrator(pool: pool, logger: logger).migrate(migrations)
        logger.info("migrations up to date", metadata: [
            "migration.applied": "\(applied.count)", "migration.latest": "\(migrations.last?.version ?? 0)",
        ])
        return applied
    }
}
