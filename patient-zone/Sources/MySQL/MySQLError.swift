/// Every failure of the MySQL layer. `code` is the stable string the logs and the API use.
public struct MySQLError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Could not open a connection (refused, unreachable, handshake failed, bad credentials).
        case connectFailed = "db_unavailable"
        /// The server went away in the middle of a call.
        case connectionLost = "db_connection_lost"
        /// A read or write took longer than its timeout.
        case timeout = "db_timeout"
        /// No connection became free within the acquire deadline.
        case poolExhausted = "pool_exhausted"
        /// The pool is shut down.
        case poolClosed = "pool_closed"
        /// The server refused the statement (syntax, constraint, …): the connection is still good.
        case server = "db_query_failed"
        /// A row did not hold what the caller asked for.
        case decoding = "db_decoding_failed"
        case invalidConfiguration = "db_invalid_configuration"
    }

    public var kind: Kind
    /// The MySQL error number (`mysql_errno`), 0 when the error is ours.
    public var errno: UInt32
    public var sqlState: String
    public var message: String

    public init(kind: Kind, errno: UInt32 = 0, sqlState: String = "", message: String) {
        self.kind = kind
        self.errno = errno
        self.sqlState = sqlState
        self.message = message
    }

    /// Stable error code for logs (`error.code`).
    public var code: String { kind.rawValue }

    /// ER_DUP_ENTRY: a unique key refused the row.
    public var isDuplicateKey: Bool { errno == 1062 }

    /// True when the database cannot be used right now (the caller should answer 503).
    public var isUnavailable: Bool {
        switch kind {
        case .connectFailed, .connectionLost, .timeout, .poolExhausted, .poolClosed: true
        case .server, .decoding, .invalidConfiguration: false
        }
    }

    public var description: String {
        errno == 0 ? "\(code): \(message)" : "\(code) (mysql \(errno) \(sqlState)): \(message)"
    }

    /// Client error numbers that mean the connection is unusable.
    static let connectionErrnos: Set<UInt32> = [
        2002, // CR_CONNECTION_ERROR
        2003, // CR_CONN_HOST_ERROR
        2005, // CR_UNKNOWN_HOST
        2006, // CR_SERVER_GONE_ERROR
        2013, // CR_SERVER_LOST
        2026, // CR_SSL_CONNECTION_ERROR
        2055, // CR_SERVER_LOST_EXTENDED
        1053, // ER_SERVER_SHUTDOWN
        1927, // ER_CONNECTION_KILLED
        4031, // ER_CLIENT_INTERACTION_TIMEOUT
    ]
}
