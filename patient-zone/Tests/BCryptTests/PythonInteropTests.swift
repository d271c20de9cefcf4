import BCrypt
import Foundation
import Testing

/// Round-trips with Python's `bcrypt` package (pinned in scripts/requirements/tools.txt, installed by
/// scripts/bootstrap into .venv-tools/): Python verifies our hashes, we verify Python's.
@Suite("BCrypt interop with Python bcrypt")
struct PythonInteropTests {
    /// .venv-tools/bin/python of the checkout: from CLOUD_DOCTOR_ROOT, else found by walking up from this file.
    static func venvPython() throws -> URL {
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["CLOUD_DOCTOR_ROOT"] {
            candidates.append(URL(fileURLWithPath: root))
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            candidates.append(directory)
            directory.deleteLastPathComponent()
        }
        for root in candidates {
            let python = root.appendingPathComponent(".venv-tools/bin/python")
            if FileManager.default.isExecutableFile(atPath: python.path) { return python }
        }
        throw InteropError("no .venv-tools/bin/python found (looked from CLOUD_DOCTOR_ROOT and up from \(#filePath)); run scripts/test, which runs scripts/bootstrap")
    }

    struct InteropError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let script = """
    import json, sys, bcrypt
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        password = bytes.fromhex(case["password"])
        ours_ok = bcrypt.checkpw(password, case["ours"].encode())
        wrong_ok = bcrypt.checkpw(password + b"x", case["ours"].encode()) if len(password) < 72 else False
        theirs = bcrypt.hashpw(password, bcrypt.gensalt(rounds=4)).decode()
        out.append({"ours_ok": ours_ok, "wrong_ok": wrong_ok, "theirs": theirs})
    json.dump(out, sys.stdout)
    """

    /// Random passwords of 1...72 bytes, no NUL; every other one is printable ASCII, the rest any byte.
    static func randomPasswords(count: Int) -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { index in
            let length = index == 0 ? 72 : Int.random(in: 1...72, using: &generator)
            let range: ClosedRange<UInt8> = index.isMultiple(of: 2) ? 0x20...0x7E : 0x01...0xFF
            return (0..<length).map { _ in UInt8.random(in: range, using: &generator) }
        }
    }

    @Test("Python bcrypt verifies our hashes and we verify Python's, on random passwords")
    func roundTripBothWays() throws {
        let python = try Self.venvPython()
        let passwords = Self.randomPasswords(count: 24)
        let ours = try passwords.map { try BCrypt.hash(passwordBytes: $0, setting: .random(cost: 4)) }
        let input = zip(passwords, ours).map { ["password": $0.map { String(format: "%02x", $0) }.joined(), "ours": $1] }

        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", Self.script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python failed: \(String(decoding: errors, as: UTF8.self))")

        let results = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        try #require(results.count == passwords.count)
        for (index, result) in results.enumerated() {
            #expect(result["ours_ok"] as? Bool == true, "Python rejected our hash \(ours[index]) for password #\(index)")
            #expect(result["wrong_ok"] as? Bool == false, "Python accepted a wrong password for our hash #\(index)")
            let theirs = try #require(result["theirs"] as? String)
            #expect(try BCrypt.verify(passwordBytes: passwords[index], hash: theirs), "we rejected Python's hash \(theirs)")
            if passwords[index].count < 72 {
                #expect(try !BCrypt.verify(passwordBytes: passwords[index] + [0x78], hash: theirs))
            }
        }
    }
}
