import Foundation

/// Where and how to reach MySQL, and how big the pool is.
/// Built from `DATABASE_URL` (`mysql://user:pass@host:port/db`) or the `MYSQL_*` variables.
public struct MySQLConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var database: String
    /// Seconds; libmysqlclient takes whole seconds for these three.
    public var connectTimeoutSeconds: UInt32
    public var readTimeoutSeconds: UInt32
    public var writeTimeoutSeconds: UInt32
    /// Most connections the pool opens.
    public var poolSize: Int
    /// How long a caller waits for a free connection before `pool_exhausted`.
    public var acquireTimeout: Duration
    /// A connection idle longer than this is pinged before it is handed out.
    public var idleCheckAfter: Duration
    /// Encryption of the connection (`MYSQL_SSL_MODE`, `MYSQL_SSL_CA`; default off, as on loopback).
    public var tls: MySQLTLS = .disabled

    public init(
        host: String = "127.0.0.1", port: Int = 3306, user: String = "root", password: String = "",
        database: String = "", connectTimeoutSeconds: UInt32 = 2, readTimeoutSeconds: UInt32 = 5,
        writeTimeoutSeconds: UInt32 = 5, poolSize: Int = 10, acquireTimeout: Duration = .milliseconds(2000),
        idleCheckAfter: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.writeTimeoutSeconds = writeTimeoutSeconds
        self.poolSize = max(1, poolSize)
        self.acquireTimeout = acquireTimeout
        self.idleCheckAfter = idleCheckAfter
    }

    /// Parses `mysql://user:pass@host:port/db` (user and password percent-decoded).
    public init(url: String) throws(MySQLError) {
        guard let components = URLComponents(string: url),
              components.scheme == "mysql" || components.scheme == "mariadb",
              let host = components.host, !host.isEmpty
        else {
            throw MySQLError(kind: .invalidConfiguration, message: "DATABASE_URL must look like mysql://user:pass@host:port/db")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        self.init(
            host: host, port: components.port ?? 3306,
            user: components.percentEncodedUser?.removingPercentEncoding ?? "root",
            password: components.percentEncodedPassword?.removingPercentEncoding ?? "",
            database: database
        )
        let query = components.queryItems ?? []
        if let mode = query.first(where: { $0.name == "ssl-mode" || $0.name == "ssl_mode" })?.value {
            tls = try MySQLTLS(mode: mode, caFile: query.first { $0.name == "ssl-ca" || $0.name == "ssl_ca" }?.value)
        }
        for item in query {
            guard let value = item.value, let number = Int(value), number > 0 else { continue }
            switch item.name {
            case "pool": poolSize = number
            case "connect_timeout": connectTimeoutSeconds = UInt32(clamping: number)
            case "read_timeout": readTimeoutSeconds = UInt32(clamping: number)
            case "write_timeout": writeTimeoutSeconds = UInt32(clamping: number)
            case "acquire_timeout_ms": acquireTimeout = .milliseconds(number)
            default: continue
            }
        }
    }

    /// `DATABASE_URL` first, then `MYSQL_HOST`/`MYSQL_PORT`/`MYSQL_USER`/`MYSQL_PASSWORD`/`MYSQL_DATABASE`;
    /// `MYSQL_POOL_SIZE`, `MYSQL_ACQUIRE_TIMEOUT_MS`, `MYSQL_CONNECT_TIMEOUT`, `MYSQL_READ_TIMEOUT`,
    /// `MYSQL_WRITE_TIMEOUT` (seconds), `MYSQL_SSL_MODE` and `MYSQL_SSL_CA` tune either.
    public init(environment: [String: String]) throws(MySQLError) {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            try self.init(url: url)
        } else {
            self.init(
                host: environment["MYSQL_HOST"] ?? "127.0.0.1",
                port: environment["MYSQL_PORT"].flatMap(Int.init) ?? 3306,
                user: environment["MYSQL_USER"] ?? "root",
                password: environment["MYSQL_PASSWORD"] ?? "",
                database: environment["MYSQL_DATABASE"] ?? ""
            )
        }
        func number(_ name: String) -> Int? { environment[name].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } }
        if let value = number("MYSQL_POOL_SIZE") { poolSize = value }
        if let value = number("MYSQL_ACQUIRE_TIMEOUT_MS") { acquireTimeout = .milliseconds(value) }
        if let value = number("MYSQL_CONNECT_TIMEOUT") { connectTimeoutSeconds = UInt32(clamping: value) }
        if let value = number("MYSQL_READ_TIMEOUT") { readTimeoutSeconds = UInt32(clamping: value) }
        if let value = number("MYSQL_WRITE_TIMEOUT") { writeTimeoutSeconds = UInt32(clamping: value) }
        if let mode = environment["MYSQL_SSL_MODE"], !mode.isEmpty {
            tls = try MySQLTLS(mode: mode, caFile: environment["MYSQL_SSL_CA"])
        }
    }

    /// `host:port/db`, safe to log (no user, no password).
    public var redactedDescription: String { "\(host):\(port)/\(database)" + (tls == .disabled ? "" : " (TLS \(tls.mode))") }
}
