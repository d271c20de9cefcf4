import ArgumentParser
import BCrypt
import Foundation

/// The password a tool subcommand reads from standard input.
enum PasswordInput {
    /// Far more than bcrypt's 72 bytes, so an over-long password gets bcrypt's own error; stdin past this is refused.
    static let readLimit = 4096

    /// Reads stdin to its end and removes exactly one trailing `\n` if present, nothing else.
    static func read() throws -> [UInt8] {
        let data = try FileHandle.standardInput.read(upToCount: readLimit + 1) ?? Data()
        guard data.count <= readLimit else {
            throw ToolFailure("password on stdin is longer than \(readLimit) bytes")
        }
        var bytes = [UInt8](data)
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }
}

/// A tool error: its message goes to stderr and the process exits with status 2.
struct ToolFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }

    /// Writes `patient-api: <message>` to stderr and returns the exit code to throw.
    static func report(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("patient-api: \(message)\n".utf8))
        return ExitCode(2)
    }
}
