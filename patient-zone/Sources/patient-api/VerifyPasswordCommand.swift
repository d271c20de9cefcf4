import ArgumentParser
import BCrypt
import Foundation

/// `patient-api verify-password HASH`: password on stdin; exit 0 on match, 1 on mismatch, 2 on a malformed hash.
struct VerifyPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-password",
        abstract: "Check the password read from stdin against a bcrypt hash.",
        discussion: "One trailing newline is removed from the input. Exit status: 0 match, 1 mismatch, 2 malformed hash or invalid password."
    )

    @Argument(help: "The bcrypt hash, e.g. $2b$12$… (60 characters).")
    var hash: String

    func run() throws {
        let matches: Bool
        do {
            let password = try PasswordInput.read()
            matches = try BCrypt.verify(passwordBytes: password, hash: hash)
        } catch let failure as ToolFailure {
            throw ToolFailure.report(failure.message)
        } catch let error as BCryptError {
            throw ToolFailure.report(error.description)
        }
        if !matches { throw ExitCode(1) }
    }
}
