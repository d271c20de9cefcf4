import Foundation

/// A throwaway certificate authority and a server certificate for 127.0.0.1 and `localhost`,
/// made with the `openssl` command in a temporary folder: `ca.pem`, `server-cert.pem`, `server-key.pem`.
public struct TestCertificates: Sendable {
    public let directory: URL
    public var caFile: String { directory.appendingPathComponent("ca.pem").path }

    /// `subjectAltName` of the server certificate (default: the loopback address and `localhost`).
    public static func make(serverNames: String = "IP:127.0.0.1,DNS:localhost") async throws -> TestCertificates {
        try await offThePool { try makeBlocking(serverNames: serverNames) }
    }

    private static func makeBlocking(serverNames: String) throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("test-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Cloud Doctor test CA",
             "-keyout", "ca-key.pem", "-out", "ca.pem"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=test database", "-keyout", "server-key.pem",
             "-out", "server.csr"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "2",
             "-extfile", "san.cnf", "-out", "server-cert.pem"],
        ]
        try Data("subjectAltName=\(serverNames)\n".utf8).write(to: directory.appendingPathComponent("san.cnf"))
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw OwnMariaDB.Failure(description: "openssl \(arguments[0]) failed (\(process.terminationStatus))")
            }
        }
        return TestCertificates(directory: directory)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
