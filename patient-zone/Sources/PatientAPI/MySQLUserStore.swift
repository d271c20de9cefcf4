import Foundation
import MySQL
import NIOConcurrencyHelpers

/// `UserStore` on MySQL, prepared statements only.
public final class MySQLUserStore: UserStore {
    let pool: MySQLPool
    private let drift = NIOLockedValueBox(false)

    public init(pool: MySQLPool) {
        self.pool = pool
    }

    /// Fault injection (`error-burst`): reads select a column the schema does not have, as when
    /// code ships before its migration, so MySQL refuses them with error 1054.
    public var schemaDrift: Bool {
        get { drift.withLockedValue { $0 } }
        set { drift.withLockedValue { $0 = newValue } }
    }

    private var userColumns: String {
        schemaDrift ? "u.id, u.email, u.name, u.created_at, u.email_verified_at" : "u.id, u.email, u.name, u.created_at"
    }

    static func user(from row: MySQLRow) throws -> UserRecord {
        UserRecord(
            id: try row.decode("id"), email: try row.decode("email"),
            name: try row.decode("name", as: String?.self), createdAt: try row.decode("created_at")
        )
    }

    public func createUser(email: String, passwordHash: String, name: String?, session: NewSession) async throws -> UserRecord {
        do {
            return try await pool.transaction { connection in
                let inserted = try connection.execute(
                    "INSERT INTO users (email, password_hash, name, created_at) VALUES (?, ?, ?, ?)",
                    [email, passwordHash, name, session.createdAt])
                let id = Int64(inserted.lastInsertID)
                try connection.execute(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    [session.tokenHash, id, session.createdAt, session.expiresAt])
                return UserRecord(id: id, email: email, name: name, createdAt: Self.milliseconds(session.createdAt))
            }
        } catch let error as MySQLError where error.isDuplicateKey {
            throw UserStoreError.emailTaken
        }
    }

    public func credentials(email: String) async throws -> (user: UserRecord, passwordHash: String)? {
        let sql = "SELECT \(userColumns), u.password_hash FROM users u WHERE u.email = ?"
        return try await pool.read { connection in
            guard let row = try connection.query(sql, [email]).first else { return nil }
            return (try Self.user(from: row), try row.decode("password_hash", as: String.self))
        }
    }

    public func loginFailures(emailHash: [UInt8], now: Date) async throws -> (count: Int, windowEnds: Date)? {
        try await pool.read { connection in
            guard let row = try connection.query(
                "SELECT failures, window_ends FROM login_failures WHERE email_hash = ? AND window_ends > ?", [emailHash, now]).first
            else { return nil }
            return (Int(try row.decode("failures", as: Int64.self)), try row.decode("window_ends", as: Date.self))
        }
    }

    public func recordLoginFailure(emailHash: [UInt8], now: Date, window: Duration) async throws {
        let ends = now.addingTimeInterval(Double(window.components.seconds))
        // One statement, so instances counting at once never lose a failure; `failures` is assigned
        // first and still sees the old `window_ends`.
        try await pool.withConnection { connection in
            try connection.execute("""
                INSERT INTO login_failures (email_hash, failures, window_ends) VALUES (?, 1, ?)
                ON DUPLICATE KEY UPDATE failures = IF(window_ends > ?, failures + 1, 1),
                                        window_ends = IF(window_ends > ?, window_ends, ?)
                """, [emailHash, ends, now, now, ends])
            // rows of windows long over: removed a few at a time, by whoever records a failure
            try connection.execute("DELETE FROM login_failures WHERE window_ends < ? LIMIT 20", [now.addingTimeInterval(-60)])
        }
    }

    public func clearLoginFailures(emailHash: [UInt8]) async throws {
        try await pool.withConnection { connection in
            try connection.execute("DELETE FROM login_failures WHERE email_hash = ?", [emailHash])
        }
    }

    public func createSession(userID: Int64, session: NewSession) async throws {
        try await pool.withConnection { connection in
            try connection.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [session.tokenHash, userID, session.createdAt, session.expiresAt])
        }
    }

    public func user(tokenHash: [UInt8], now: Date) async throws -> UserRecord? {
        let sql = """
            SELECT \(userColumns) FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?
            """
        return try await pool.read { connection in
            try connection.query(sql, [tokenHash, now]).first.map(Self.user(from:))
        }
    }

    public func revokeSession(tokenHash: [UInt8], now: Date) async throws -> Bool {
        let check = schemaDrift ? "SELECT u.email_verified_at FROM users u LIMIT 0" : nil
        return try await pool.withConnection { connection in
            if let check { _ = try connection.query(check) }
            let result = try connection.execute(
                "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                [now, tokenHash, now])
            return result.affectedRows == 1
        }
    }

    public func isHealthy() async -> Bool {
        await pool.isHealthy()
    }

    /// DATETIME(3) keeps milliseconds: the value read back later.
    static func milliseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
