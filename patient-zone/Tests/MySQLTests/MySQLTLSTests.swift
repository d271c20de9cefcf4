import CloudTestSupport
import Foundation
import MySQL
import Testing

/// TLS to MySQL (`MYSQL_SSL_MODE`), against a MariaDB of the test's own that offers TLS with a
/// throwaway CA, and against the plain MariaDB of `scripts/test`.
@Suite("MySQL over TLS", .serialized)
struct MySQLTLSTests {
    /// The cipher of the session (`Ssl_cipher`); empty when the connection is not encrypted.
    static func cipher(_ configuration: MySQLConfiguration) throws -> String {
        let connection = try MySQLConnection.connect(configuration)
        defer { connection.close() }
        let rows = try connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'", cache: false)
        return try rows.first?.decode("Value", as: String.self) ?? ""
    }

    static func withTLSServer(_ body: (MySQLConfiguration, TestCertificates) throws -> Void) throws {
        let certificates = try TestCertificates.make()
        let server = OwnMariaDB(tls: certificates)
        defer {
            server.remove()
            certificates.remove()
        }
        var configuration = try MySQLConfiguration(url: try server.start())
        configuration.connectTimeoutSeconds = 10
        try body(configuration, certificates)
    }

    @Test("REQUIRED and VERIFY_IDENTITY encrypt; DISABLED does not")
    func modesEncryptAsNamed() throws {
        try Self.withTLSServer { base, certificates in
            for (tls, encrypted) in [(MySQLTLS.disabled, false), (.required, true), (.verifyIdentity(caFile: certificates.caFile), true)] {
                var configuration = base
                configuration.tls = tls
                let cipher = try Self.cipher(configuration)
                #expect(cipher.isEmpty != encrypted, "\(tls.mode): cipher '\(cipher)'")
            }
        }
    }

    @Test("VERIFY_IDENTITY refuses a server whose certificate another CA signed")
    func verifyRefusesAnUnknownCA() throws {
        let stranger = try TestCertificates.make()
        defer { stranger.remove() }
        try Self.withTLSServer { base, _ in
            var configuration = base
            configuration.tls = .verifyIdentity(caFile: stranger.caFile)
            let error = #expect(throws: MySQLError.self) { try Self.cipher(configuration) }
            #expect(error?.kind == .connectFailed)
        }
    }

    @Test("VERIFY_IDENTITY refuses a certificate for another host name; REQUIRED does not look")
    func verifyIdentityChecksTheHostName() throws {
        let otherName = try TestCertificates.make(serverNames: "DNS:db.example.internal")
        let server = OwnMariaDB(tls: otherName)
        defer {
            server.remove()
            otherName.remove()
        }
        var configuration = try MySQLConfiguration(url: try server.start())
        configuration.tls = .verifyIdentity(caFile: otherName.caFile)
        let error = #expect(throws: MySQLError.self) { try Self.cipher(configuration) }
        #expect(error?.kind == .connectFailed)
        configuration.tls = .required
        let cipher = try Self.cipher(configuration)
        #expect(!cipher.isEmpty)
    }

    @Test("REQUIRED refuses a server that offers no TLS instead of falling back to plain text")
    func requiredRefusesPlainServer() throws {
        var configuration = try TestDatabase.configuration()
        configuration.tls = .required
        let error = #expect(throws: MySQLError.self) { try Self.cipher(configuration) }
        #expect(error?.kind == .connectFailed)
    }

    @Test("MYSQL_SSL_MODE and MYSQL_SSL_CA, and ssl-mode/ssl-ca in DATABASE_URL", arguments: [
        (["MYSQL_SSL_MODE": "required"], MySQLTLS.required),
        (["MYSQL_SSL_MODE": "VERIFY_IDENTITY", "MYSQL_SSL_CA": "/etc/rds/ca.pem"], .verifyIdentity(caFile: "/etc/rds/ca.pem")),
        (["MYSQL_SSL_MODE": "verify-identity", "MYSQL_SSL_CA": "/ca.pem"], .verifyIdentity(caFile: "/ca.pem")),
        (["MYSQL_SSL_MODE": "disabled"], .disabled),
        ([:], .disabled),
        (["DATABASE_URL": "mysql://u:p@db/app?ssl-mode=VERIFY_IDENTITY&ssl-ca=/ca.pem"], .verifyIdentity(caFile: "/ca.pem")),
    ])
    func parsesTheMode(environment: [String: String], expected: MySQLTLS) throws {
        #expect(try MySQLConfiguration(environment: environment).tls == expected)
    }

    @Test("VERIFY_IDENTITY without a CA file, VERIFY_CA, or an unknown mode is a configuration error", arguments: [
        ["MYSQL_SSL_MODE": "VERIFY_IDENTITY"], ["MYSQL_SSL_MODE": "VERIFY_IDENTITY", "MYSQL_SSL_CA": ""],
        ["MYSQL_SSL_MODE": "VERIFY_CA", "MYSQL_SSL_CA": "/ca.pem"], ["MYSQL_SSL_MODE": "preferred"],
    ])
    func refusesIncompleteModes(environment: [String: String]) {
        let error = #expect(throws: MySQLError.self) { try MySQLConfiguration(environment: environment) }
        #expect(error?.kind == .invalidConfiguration)
    }
}
