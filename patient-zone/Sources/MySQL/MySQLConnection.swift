import CMySQL
import Foundation

/// mysql_library_init (mysql_server_init) must run once before any thread uses the library; a global `let` runs it once.
private let libraryReady: Bool = mysql_server_init(0, nil, nil) == 0

/// What an INSERT/UPDATE/DELETE did.
public struct MySQLExecResult: Sendable, Equatable {
    public var affectedRows: UInt64
    public var lastInsertID: UInt64
}

/// One connection to MySQL. Every call blocks its thread: use it only inside `MySQLPool.withConnection`,
/// which runs the closure on the pool's own threads and never shares a connection between two callers.
public final class MySQLConnection: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<MYSQL>
    private let readTimeout: Duration
    private var statements: [String: UnsafeMutablePointer<MYSQL_STMT>] = [:]
    private var closed = false
    /// Set when the server went away or a call timed out: the pool closes it instead of reusing it.
    public private(set) var isBroken = false
    var lastUsed = ContinuousClock.now

    private static let statementCacheLimit = 64

    /// Opens a connection with the configured timeouts, utf8mb4 and a UTC session. Blocks.
    public static func connect(_ config: MySQLConfiguration) throws -> MySQLConnection {
        guard libraryReady, let handle = mysql_init(nil) else {
            throw MySQLError(kind: .connectFailed, message: "mysql client library could not initialise")
        }
        var connectTimeout = config.connectTimeoutSeconds
        var readTimeout = config.readTimeoutSeconds
        var writeTimeout = config.writeTimeoutSeconds
        var reconnect: my_bool = 0
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout)
        mysql_options(handle, MYSQL_OPT_READ_TIMEOUT, &readTimeout)
        mysql_options(handle, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout)
        mysql_options(handle, MYSQL_OPT_RECONNECT, &reconnect)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        mysql_options(handle, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'")
        applyTLS(config.tls, to: handle)
        let connected = mysql_real_connect(
            handle, config.host, config.user, config.password,
            config.database.isEmpty ? nil : config.database, UInt32(clamping: config.port), nil, 0
        )
        guard connected != nil else {
            let error = MySQLError(
                kind: .connectFailed, errno: mysql_errno(handle),
                sqlState: String(cString: mysql_sqlstate(handle)), message: String(cString: mysql_error(handle))
            )
            mysql_close(handle)
            throw error
        }
        // Connector/C falls back to plain text when the server offers no TLS, even when told to enforce it
        if config.tls != .disabled, mysql_get_ssl_cipher(handle) == nil {
            mysql_close(handle)
            throw MySQLError(kind: .connectFailed,
                             message: "MYSQL_SSL_MODE=\(config.tls.mode) but the server at \(config.redactedDescription) offers no TLS")
        }
        return MySQLConnection(handle: handle, readTimeout: .seconds(Int(config.readTimeoutSeconds)))
    }

    /// Connector/C options for `tls`: use TLS, and verify the server's certificate (chain and host name)
    /// against the CA file. `connect` also refuses a session that ended up unencrypted.
    private static func applyTLS(_ tls: MySQLTLS, to handle: UnsafeMutablePointer<MYSQL>) {
        var on: my_bool = 1
        var off: my_bool = 0
        switch tls {
        case .disabled:
            return
        case .required:
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &on)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &off)
        case .verifyIdentity(let ca):
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &on)
            mysql_options(handle, MYSQL_OPT_SSL_CA, ca)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on)
        }
    }

    private init(handle: UnsafeMutablePointer<MYSQL>, readTimeout: Duration) {
        self.handle = handle
        self.readTimeout = readTimeout
    }

    deinit { close() }

    /// Closes the connection and its statements. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        for statement in statements.values { mysql_stmt_close(statement) }
        statements.removeAll()
        mysql_close(handle)
    }

    /// Runs a statement that returns rows.
    public func query(_ sql: String, _ binds: [any MySQLBindable] = [], cache: Bool = true) throws -> [MySQLRow] {
        try run(sql, binds, cache: cache).rows
    }

    /// Runs a statement that returns no rows.
    @discardableResult
    public func execute(_ sql: String, _ binds: [any MySQLBindable] = [], cache: Bool = true) throws -> MySQLExecResult {
        try run(sql, binds, cache: cache).result
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    public func transaction<T>(_ body: (MySQLConnection) throws -> T) throws -> T {
        try check(mysql_autocommit(handle, 0) == 0)
        do {
            let value = try body(self)
            try check(mysql_commit(handle) == 0)
            try check(mysql_autocommit(handle, 1) == 0)
            return value
        } catch {
            if !isBroken {
                _ = mysql_rollback(handle)
                _ = mysql_autocommit(handle, 1)
            }
            throw error
        }
    }

    /// True when the server answers. Marks the connection broken when it does not.
    public func ping() -> Bool {
        if mysql_ping(handle) == 0 { return true }
        isBroken = true
        return false
    }

    // MARK: - statements

    private func check(_ ok: Bool) throws {
        guard !ok else { return }
        throw connectionError(started: nil)
    }

    private func connectionError(started: ContinuousClock.Instant?) -> MySQLError {
        classify(errno: mysql_errno(handle), sqlState: String(cString: mysql_sqlstate(handle)),
                 message: String(cString: mysql_error(handle)), started: started)
    }

    private func statementError(_ statement: UnsafeMutablePointer<MYSQL_STMT>, started: ContinuousClock.Instant) -> MySQLError {
        classify(errno: mysql_stmt_errno(statement), sqlState: String(cString: mysql_stmt_sqlstate(statement)),
                 message: String(cString: mysql_stmt_error(statement)), started: started)
    }

    private func classify(errno: UInt32, sqlState: String, message: String, started: ContinuousClock.Instant?) -> MySQLError {
        guard MySQLError.connectionErrnos.contains(errno) else {
            return MySQLError(kind: .server, errno: errno, sqlState: sqlState, message: message)
        }
        isBroken = true
        // libmysqlclient reports a read timeout as "lost connection": tell them apart by the time it took.
        if errno == 2013 || errno == 2055, let started, ContinuousClock.now - started >= readTimeout * 0.9 {
            return MySQLError(kind: .timeout, errno: errno, sqlState: sqlState, message: message)
        }
        return MySQLError(kind: .connectionLost, errno: errno, sqlState: sqlState, message: message)
    }

    private func prepared(_ sql: String, cache: Bool, started: ContinuousClock.Instant) throws -> UnsafeMutablePointer<MYSQL_STMT> {
        if cache, let statement = statements[sql] { return statement }
        guard let statement = mysql_stmt_init(handle) else { throw connectionError(started: started) }
        let length = UInt(sql.utf8.count)
        guard mysql_stmt_prepare(statement, sql, length) == 0 else {
            let error = statementError(statement, started: started)
            mysql_stmt_close(statement)
            throw error
        }
        if cache {
            if statements.count >= Self.statementCacheLimit {
                for old in statements.values { mysql_stmt_close(old) }
                statements.removeAll()
            }
            statements[sql] = statement
        }
        return statement
    }

    private func run(_ sql: String, _ binds: [any MySQLBindable], cache: Bool) throws -> (rows: [MySQLRow], result: MySQLExecResult) {
        guard !closed, !isBroken else {
            throw MySQLError(kind: .connectionLost, message: "connection already closed")
        }
        let started = ContinuousClock.now
        lastUsed = started
        let statement = try prepared(sql, cache: cache, started: started)
        defer { if !cache { mysql_stmt_close(statement) } }

        let expected = Int(mysql_stmt_param_count(statement))
        guard expected == binds.count else {
            throw MySQLError(kind: .server, message: "statement expects \(expected) parameters, got \(binds.count)")
        }
        let parameters = ParameterBuffers(binds.map(\.mysqlValue))
        defer { parameters.deallocate() }
        if expected > 0, mysql_stmt_bind_param(statement, parameters.binds) != 0 {
            throw statementError(statement, started: started)
        }
        guard mysql_stmt_execute(statement) == 0 else { throw statementError(statement, started: started) }

        guard let metadata = mysql_stmt_result_metadata(statement) else {
            let result = MySQLExecResult(
                affectedRows: mysql_stmt_affected_rows(statement), lastInsertID: mysql_stmt_insert_id(statement)
            )
            return ([], result)
        }
        defer {
            mysql_free_result(metadata)
            mysql_stmt_free_result(statement)
        }
        var updateMaxLength: my_bool = 1
        mysql_stmt_attr_set(statement, STMT_ATTR_UPDATE_MAX_LENGTH, &updateMaxLength)
        guard mysql_stmt_store_result(statement) == 0 else { throw statementError(statement, started: started) }

        let fieldCount = Int(mysql_num_fields(metadata))
        let fields = UnsafeBufferPointer(start: mysql_fetch_fields(metadata), count: fieldCount)
        let results = ResultBuffers(fields)
        defer { results.deallocate() }
        guard mysql_stmt_bind_result(statement, results.binds) == 0 else {
            throw statementError(statement, started: started)
        }
        var rows: [MySQLRow] = []
        rows.reserveCapacity(Int(mysql_stmt_num_rows(statement)))
        while true {
            let status = mysql_stmt_fetch(statement)
            if status == MYSQL_NO_DATA { break }
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw statementError(statement, started: started) }
            rows.append(MySQLRow(columns: results.names, values: results.currentValues()))
        }
        lastUsed = ContinuousClock.now
        return (rows, MySQLExecResult(affectedRows: 0, lastInsertID: 0))
    }
}
