import Foundation

/// A MariaDB of the test's own (`scripts/lib/mariadb-server`), so a test can stop and restart it,
/// or start it with TLS. It listens on a free loopback port that it keeps across restarts.
/// Not for concurrent use: one test drives one server, one call at a time.
public final class OwnMariaDB: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: URL
    /// Folder with `ca.pem`, `server-cert.pem` and `server-key.pem`: the server offers TLS with them.
    public let tls: TestCertificates?
    private var process: Process?
    private var input: Pipe?

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/lib/mariadb-server")

    public init(tls: TestCertificates? = nil) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("own-mariadb-\(UUID().uuidString)")
        self.tls = tls
    }

    /// Starts a server, runs `body` with it and its URL, and removes it whatever `body` does.
    public static func with<T>(tls: TestCertificates? = nil, _ body: (OwnMariaDB, String) async throws -> T) async throws -> T {
        let server = OwnMariaDB(tls: tls)
        do {
            let value = try await body(server, try await server.start())
            await server.remove()
            return value
        } catch {
            await server.remove()
            throw error
        }
    }

    /// Starts it and returns its `mysql://` URL once it accepts connections (waits off the cooperative pool).
    public func start() async throws -> String {
        try await offThePool { try self.startBlocking() }
    }

    /// Stops it (waits off the cooperative pool).
    public func stop() async {
        _ = try? await offThePool { self.stopBlocking() }
    }

    /// Stops it and deletes its data.
    public func remove() async {
        await stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func startBlocking() throws -> String {
        let process = Process()
        process.executableURL = Self.script
        // port 0: the script picks a free port on the first start and keeps it for a restart
        process.arguments = [directory.path, "0"]
        if let tls {
            process.environment = ProcessInfo.processInfo.environment.merging(["MARIADB_TLS_DIR": tls.directory.path]) { $1 }
        }
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
                throw Failure(description: "mariadb-server exited before it was ready: \(said.suffix(1500))")
            }
            collected.append(chunk)
            let text = String(decoding: collected, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ready ") }) {
                return String(line.dropFirst("ready ".count))
            }
        }
    }

    private func stopBlocking() {
        guard let process, process.isRunning else { return }
        // Closing its stdin stops it (SIGTERM may be ignored: the test host ignores it for its own handling).
        try? input?.fileHandleForWriting.close()
        process.waitUntilExit()
        self.process = nil
        input = nil
    }
}
