/// Whether and how the connection to MySQL is encrypted, as MySQL's own clients name it
/// (`--ssl-mode`): `DISABLED`, `REQUIRED` (encrypted, server not verified) and `VERIFY_IDENTITY`
/// (the server's certificate chains to `caFile` and names the host we connect to). There is no
/// `VERIFY_CA`: MariaDB Connector/C checks the host name whenever it verifies a certificate.
/// RDS with `require_secure_transport` wants at least `REQUIRED`; production uses `VERIFY_IDENTITY`
/// with the RDS CA bundle.
public enum MySQLTLS: Sendable, Equatable {
    case disabled
    case required
    case verifyIdentity(caFile: String)

    /// Parses `MYSQL_SSL_MODE` / `ssl-mode` (case-insensitive, `-` or `_`) with its CA file.
    public init(mode: String, caFile: String?) throws(MySQLError) {
        let normal = mode.uppercased().replacingOccurrences(of: "-", with: "_")
        let ca = caFile.flatMap { $0.isEmpty ? nil : $0 }
        switch normal {
        case "", "DISABLED": self = .disabled
        case "REQUIRED": self = .required
        case "VERIFY_IDENTITY":
            guard let ca else {
                throw MySQLError(kind: .invalidConfiguration, message: "MYSQL_SSL_MODE=VERIFY_IDENTITY needs MYSQL_SSL_CA (a PEM CA bundle)")
            }
            self = .verifyIdentity(caFile: ca)
        case "VERIFY_CA":
            throw MySQLError(kind: .invalidConfiguration,
                             message: "MYSQL_SSL_MODE=VERIFY_CA is not available (the MariaDB client library always checks the host name): use VERIFY_IDENTITY")
        default:
            throw MySQLError(kind: .invalidConfiguration, message: "MYSQL_SSL_MODE must be DISABLED, REQUIRED or VERIFY_IDENTITY")
        }
    }

    /// The mode's name, safe to log.
    public var mode: String {
        switch self {
        case .disabled: "DISABLED"
        case .required: "REQUIRED"
        case .verifyIdentity: "VERIFY_IDENTITY"
        }
    }
}
