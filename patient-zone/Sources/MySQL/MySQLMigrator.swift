import Foundation
import Logging

/// One versioned SQL file: `NNNN_name.sql`, statements separated by `;` at the end of a line.
public struct MySQLMigration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.statements = Self.split(sql)
    }

    /// Splits on `;` at the end of a line; `--` comment lines are dropped.
    static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current: [Substring] = []
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || trimmed.isEmpty { continue }
            if trimmed.hasSuffix(";") {
                current.append(line[..<(line.lastIndex(of: ";") ?? line.endIndex)])
                statements.append(current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
                current = []
            } else {
                current.append(line)
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements.filter { !$0.isEmpty }
    }

    /// Reads every `NNNN_name.sql` of `directory`, ordered by version; refuses duplicate versions.
    public static func load(from directory: URL) throws -> [MySQLMigration] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        var migrations: [MySQLMigration] = []
        for file in files where file.pathExtension == "sql" {
            let base = file.deletingPathExtension().lastPathComponent
            guard let underscore = base.firstIndex(of: "_"), let version = Int(base[..<underscore]) else {
                throw MySQLError(kind: .invalidConfiguration, message: "migration file \(file.lastPathComponent) is not NNNN_name.sql")
            }
            let sql = try String(contentsOf: file, encoding: .utf8)
            migrations.append(MySQLMigration(version: version, name: String(base[base.index(after: underscore)...]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (first, second) in zip(migrations, migrations.dropFirst()) where first.version == second.version {
            throw MySQLError(kind: .invalidConfiguration, message: "two migrations have version \(first.version)")
        }
        return migrations
    }
}

/// Applies migrations in order, each once, recorded in `schema_migrations`. Two instances starting
/// together serialise on the MySQL named lock `schema_migrations.<database>`: the second waits, then finds
/// nothing left to do.
public struct MySQLMigrator: Sendable {
    public static let lockName = "schema_migrations"
    let pool: MySQLPool
    let logger: Logger
    let lockTimeoutSeconds: Int

    public init(pool: MySQLPool, logger: Logger, lockTimeoutSeconds: Int = 60) {
        self.pool = pool
        self.logger = logger
        self.lockTimeoutSeconds = lockTimeoutSeconds
    }

    /// Applies what is missing; returns the versions it applied (empty when up to date).
    @discardableResult
    public func migrate(_ migrations: [MySQLMigration]) async throws -> [Int] {
        let logger = self.logger
        let lockTimeout = lockTimeoutSeconds
        return try await pool.withConnection { connection in
            // The lock is per database, and each GET_LOCK waits less than the read timeout.
            let lockName = "\(Self.lockName).\(try connection.query("SELECT DATABASE() AS db", cache: false).first?.decode("db", as: String?.self) ?? "")"
            let deadline = ContinuousClock.now + .seconds(lockTimeout)
            while true {
                let locked = try connection.query("SELECT GET_LOCK(?, 1) AS locked", [lockName], cache: false)
                if try locked.first?.decode("locked", as: Int?.self) == 1 { break }
                guard ContinuousClock.now < deadline else {
                    throw MySQLError(kind: .timeout, message: "could not take the migration lock within \(lockTimeout) s")
                }
            }
            defer { _ = try? connection.query("SELECT RELEASE_LOCK(?) AS released", [lockName], cache: false) }
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                  version INT NOT NULL PRIMARY KEY,
                  name VARCHAR(255) NOT NULL,
                  applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
                """, cache: false)
            let done = Set(try connection.query("SELECT version FROM schema_migrations", cache: false)
                .map { try $0.decode("version", as: Int.self) })
            var applied: [Int] = []
            for migration in migrations where !done.contains(migration.version) {
                logger.info("applying migration \(migration.version) \(migration.name)",
                            metadata: ["migration.version": "\(migration.version)"])
                for statement in migration.statements {
                    try connection.execute(statement, cache: false)
                }
                try connection.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                       [migration.version, migration.name], cache: false)
                applied.append(migration.version)
            }
            return applied
        }
    }
}
