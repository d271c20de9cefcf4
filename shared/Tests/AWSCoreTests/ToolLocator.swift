import Foundation

/// Finds the project's tools and test services; fails with a message naming `scripts/test` when they are missing.
enum ToolLocator {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var projectRoot: URL {
        if let root = ProcessInfo.processInfo.environment["CLOUD_DOCTOR_ROOT"] { return URL(fileURLWithPath: root) }
        // shared/Tests/AWSCoreTests/ToolLocator.swift -> the package root
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func venvPython() throws -> URL {
        let python = projectRoot.appendingPathComponent(".venv-tools/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Missing(description: "\(python.path) not found: run the tests with scripts/test (it runs scripts/bootstrap)")
        }
        return python
    }

    static func emulatorURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["AWS_EMULATOR_URL"], !url.isEmpty else {
            throw Missing(description: "AWS_EMULATOR_URL is not set: run the tests with scripts/test (it starts moto)")
        }
        return url
    }

    /// Runs a program to completion with bytes on stdin; returns stdout, throws with stderr on failure.
    static func run(_ program: URL, _ arguments: [String], stdin: Data) throws -> Data {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Missing(description: "\(program.lastPathComponent) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return out
    }
}
