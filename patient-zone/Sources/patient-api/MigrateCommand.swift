import ArgumentParser
import Foundation
import Logging
import MySQL
import PatientAPI
import StructuredLogging

/// `patient-api migrate`: applies pending migrations and exits (safe to run from two places at once).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending SQL migrations (patient-zone/migrations) to DATABASE_URL."
    )

    @Option(help: "Directory of NNNN_name.sql files (default: $MIGRATIONS_DIR, else ./migrations beside the binary, else ./patient-zone/migrations).")
    var directory: String?

    func run() async throws {
        StructuredLogging.bootstrap(service: "patient-api")
        let logger = Logger(label: "patient-api")
        let environment = ProcessInfo.processInfo.environment
        let mysql: MySQLConfiguration
        do {
            mysql = try MySQLConfiguration(environment: environment)
        } catch {
            logger.critical("invalid configuration: \(error)", metadata: ["error.code": "invalid_configuration"])
            throw ExitCode(2)
        }
        let configured = (directory ?? environment["MIGRATIONS_DIR"]).map { URL(fileURLWithPath: $0) }
        guard let folder = Migrations.directory(configured: configured) else {
            logger.critical("no migrations directory found (set MIGRATIONS_DIR)", metadata: ["error.code": "migrations_missing"])
            throw ExitCode(2)
        }
        var migrationMySQL = mysql
        migrationMySQL.readTimeoutSeconds = max(mysql.readTimeoutSeconds, 60)  // DDL on a big table can take a while
        let pool = MySQLPool(configuration: migrationMySQL, logger: logger)
        do {
            try await Migrations.run(pool: pool, directory: folder, logger: logger)
            await pool.shutdown()
        } catch {
            await pool.shutdown()
            logger.error("migration failed: \(error)", metadata: ["error.code": "migration_failed"])
            throw ExitCode(1)
        }
    }
}
