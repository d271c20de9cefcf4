import Foundation
import Hummingbird
import HummingbirdTesting
import MySQL
import PatientAPI
import Testing

/// A MariaDB of the test's own (scripts/lib/mariadb-server), so the test can stop and restart it.
final class OwnMariaDB: @unchecked Sendable {
    let directory: URL
    private var process: Process?
    private var input: Pipe?

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/lib/mariadb-server")

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("own-mariadb-\(UUID().uuidString)")
    }

    /// Starts it and returns its URL once it accepts connections.
    func start() throws -> String {
        let process = Process()
        process.executableURL = Self.script
        // port 0: the script picks a free port on the first start and keeps it for a restart
        process.arguments = [directory.path, "0"]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        self.input = input
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let errors = directory.appendingPathComponent("server.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        self.process = process
        var collected = Data()
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                throw MySQLError(kind: .connectFailed, message: "mariadb-server exited before it was ready: \(said.suffix(1500))")
            }
            collected.append(chunk)
            let text = String(decoding: collected, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") }) {
                return String(line.dropFirst("ready ".count))
            }
        }
    }

    func stop() {
        guard let process, process.isRunning else { return }
        // Closing its stdin stops it (SIGTERM may be ignored: the test host ignores it for its own handling).
        try? input?.fileHandleForWriting.close()
        process.waitUntilExit()
        self.process = nil
        input = nil
    }

    func remove() {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

@Suite struct DatabaseOutageTests {
    @Test func mysqlStoppedMidTestGives503ThenTheAPIRecoversWithoutRestart() async throws {
        _ = try TestAPI.baseMySQL()  // same requirement as every MySQL test: run through scripts/test
        let database = OwnMariaDB()
        defer { database.remove() }
        let url = try database.start()
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase(base: try MySQLConfiguration(url: url)))
        configuration.mysql.acquireTimeout = .seconds(2)
        try await TestAPI.run(configuration) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "outage@example.com")
            let before = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(before.status == .ok)

            database.stop()
            for _ in 0..<3 {
                let down = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
                #expect(down.status == .serviceUnavailable)
                #expect(TestAPI.errorCode(down) == "database_unavailable")
            }
            let login = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "outage@example.com", "password": "correct horse"]))
            #expect(login.status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            _ = try database.start()
            var recovered = false
            for _ in 0..<60 {
                let response = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
                if response.status == .ok { recovered = true; break }
                #expect(response.status == .serviceUnavailable)
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(recovered)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
        }
    }
}
