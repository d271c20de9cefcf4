import CloudTestSupport
import Foundation
import MySQL
import Testing

/// TLS to MySQL (`MYSQL_SSL_MODE`), against a MariaDB of the test's own that offers TLS with a
/// throwaway CA, and against the plain MariaDB of `scripts/test`. One server at a time: each takes a
/// few seconds to start on the shared cores.
@Suite("MySQL over TLS", .serialized)
struct MySQLTLSTests {
    /// The cipher of the session (`Ssl_cipher`); empty when the connection is not encrypted.
    static func cipher(_ configuration: MySQLConfiguration) async throws -> String {
        try await offThePool {
            let connection = try MySQLConnection.connect(configuration)
            defer { connection.close() }
            let rows = try connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'", cache: false)
            return try rows.first?.decode("Value", as: String.self) ?? ""
        }
    }

    /// Runs `body` against a MariaDB that offers TLS with a certificate for `serverNames`.
    static func withTLSServer(serverNames: String = "IP:127.0.0.1,DNS:localhost",
                              _ body: (MySQLConfiguration, TestCertificates) async throws -> Void) async throws {
        let certificates = try await TestCertificates.make(serverNames: serverNames)
        defer { certificates.remove() }
        try await OwnMariaDB.with(tls: certificates) { _, url in
            var configuration = try MySQLConfiguration(url: url)
            configuration.connectTimeoutSeconds = 10
            try await body(configuration, certificates)
        }
    }

    @Test("REQUIRED and VERIFY_IDENTITY encrypt; DISABLED does not; VERIFY_IDENTITY refuses another CA")
    func modesEncryptAsNamed() async throws {
        let stranger = try await TestCertificates.make()
        defer { stranger.remove() }
        try await Self.withTLSServer { base, certificates in
            for (tls, encrypted) in [(MySQLTLS.disabled, false), (.required, true), (.verifyIdentity(caFile: certificates.caFile), true)] {
                var configuration = base
                configuration.tls = tls
                let cipher = try await Self.cipher(configuration)
                #expect(cipher.isEmpty != encrypted, "\(tls.mode): cipher '\(cipher)'")
            }
            var configuration = base
            configuration.tls = .verifyIdentity(caFile: stranger.caFile)
            let error = await #expect(throws: MySQLError.self) { try await Self.cipher(configuration) }
            #expect(error?.kind == .connectFailed)
        }
    }

    @Test("VERIFY_IDENTITY refuses a certificate for another host name; REQUIRED does not look")
    func verifyIdentityChecksTheHostName() async throws {
        try await Self.withTLSServer(serverNames: "DNS:db.example.internal") { base, certificates in
            var configuration = base
            configuration.tls = .verifyIdentity(caFile: certificates.caFile)
            let error = await #expect(throws: MySQLError.self) { try await Self.cipher(configuration) }
            #expect(error?.kind == .connectFailed)
            configuration.tls = .required
            let cipher = try await Self.cipher(configuration)
            #expect(!cipher.isEmpty)
        }
    }

    @Test("REQUIRED refuses a server that offers no TLS instead of falling back to plain text")
    func requiredRefusesPlainServer() async throws {
        var configuration = try TestDatabase.configuration()
        configuration.tls = .required
        let error = await #expect(throws: MySQLError.self) { try await Self.cipher(configuration) }
        #expect(error?.kind == .connectFailed)
        #expect(error?.message.contains("offers no TLS") == true)
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
