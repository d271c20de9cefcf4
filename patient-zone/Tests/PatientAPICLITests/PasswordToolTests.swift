import Foundation
import Testing

/// Runs the built `patient-api` binary (same build products directory as this test bundle).
struct PatientAPIBinary {
    let url: URL

    init() throws {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [testExecutable.deletingLastPathComponent()]
        #if os(macOS)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        #endif
        for directory in candidates {
            let binary = directory.appendingPathComponent("patient-api")
            if FileManager.default.isExecutableFile(atPath: binary.path) {
                url = binary
                return
            }
        }
        throw Missing(description: "patient-api not found next to the test bundle in \(candidates.map(\.path)); build it with `swift build --build-tests` (scripts/test does)")
    }

    struct Missing: Error, CustomStringConvertible { let description: String }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: [String], stdin: [UInt8], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "BCRYPT_COST")
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite("patient-api hash-password / verify-password")
struct PasswordToolTests {
    /// A published vector (pyca/bcrypt tests/test_bcrypt.py): password "Kk4DQuMMfZL9o".
    static let knownHash = "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm"

    @Test("hash-password prints a $2b$ hash at --cost, which verify-password accepts (exit 0)")
    func hashThenVerify() throws {
        let tool = try PatientAPIBinary()
        let hashed = try tool.run(["hash-password", "--cost", "5"], stdin: Array("s3cret pass\n".utf8))
        #expect(hashed.status == 0, "\(hashed.stderr)")
        let hash = hashed.stdout.trimmingCharacters(in: .newlines)
        #expect(hash.hasPrefix("$2b$05$") && hash.utf8.count == 60, "\(hashed.stdout)")
        #expect(hashed.stdout.hasSuffix("\n"))
        // The newline was stripped before hashing: the bare password matches.
        #expect(try tool.run(["verify-password", hash], stdin: Array("s3cret pass".utf8)).status == 0)
        #expect(try tool.run(["verify-password", hash], stdin: Array("s3cret pass\n".utf8)).status == 0)
    }

    @Test("hash-password takes its cost from BCRYPT_COST, else 12")
    func costFromEnvironment() throws {
        let tool = try PatientAPIBinary()
        let fromEnvironment = try tool.run(["hash-password"], stdin: Array("pw".utf8), environment: ["BCRYPT_COST": "4"])
        #expect(fromEnvironment.stdout.hasPrefix("$2b$04$"), "\(fromEnvironment.stdout)\(fromEnvironment.stderr)")
        let flagWins = try tool.run(["hash-password", "--cost", "6"], stdin: Array("pw".utf8), environment: ["BCRYPT_COST": "4"])
        #expect(flagWins.stdout.hasPrefix("$2b$06$"))
        let byDefault = try tool.run(["hash-password"], stdin: Array("pw".utf8))
        #expect(byDefault.stdout.hasPrefix("$2b$12$"))
    }

    @Test("verify-password exits 0 on the published password and 1 on others")
    func matchAndMismatch() throws {
        let tool = try PatientAPIBinary()
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array("Kk4DQuMMfZL9o\n".utf8)).status == 0)
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array("Kk4DQuMMfZL9o".utf8)).status == 0)
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array("Kk4DQuMMfZL9p".utf8)).status == 1)
        // Only one newline is removed, and nothing else (no trimming of spaces or \r).
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array("Kk4DQuMMfZL9o\n\n".utf8)).status == 1)
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array("Kk4DQuMMfZL9o\r\n".utf8)).status == 1)
        #expect(try tool.run(["verify-password", Self.knownHash], stdin: Array(" Kk4DQuMMfZL9o".utf8)).status == 1)
    }

    static let malformed = [
        "not-a-hash",
        "$2z$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm",
        "$2b$99$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm",
        "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YE",
        "",
    ]

    @Test("verify-password exits 2 with a clear message on a malformed hash", arguments: malformed)
    func malformedHash(hash: String) throws {
        let result = try PatientAPIBinary().run(["verify-password", hash], stdin: Array("pw".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("malformed bcrypt hash"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an invalid cost or an over-long password exits 2 with a message, no hash")
    func invalidInput() throws {
        let tool = try PatientAPIBinary()
        let lowCost = try tool.run(["hash-password", "--cost", "3"], stdin: Array("pw".utf8))
        #expect(lowCost.status == 2 && lowCost.stderr.contains("cost 3"), "\(lowCost.stderr)")
        let badEnvironment = try tool.run(["hash-password"], stdin: Array("pw".utf8), environment: ["BCRYPT_COST": "twelve"])
        #expect(badEnvironment.status == 2 && badEnvironment.stderr.contains("BCRYPT_COST"))
        let long = try tool.run(["hash-password", "--cost", "4"], stdin: [UInt8](repeating: 0x61, count: 73))
        #expect(long.status == 2 && long.stderr.contains("73 bytes") && long.stdout.isEmpty, "\(long.stderr)")
    }
}
