import ArgumentParser
import BCrypt
import Foundation

/// `patient-api hash-password [--cost N]`: password on stdin, bcrypt hash on stdout.
struct HashPasswordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash-password",
        abstract: "Hash the password read from stdin with bcrypt ($2b$) and print the hash.",
        discussion: "One trailing newline is removed from the input. Exit status 2 on an invalid cost or password."
    )

    @Option(help: "bcrypt cost, 4...31 (default: $BCRYPT_COST, else 12).")
    var cost: Int?

    func run() throws {
        do {
            let cost = try resolvedCost(environment: ProcessInfo.processInfo.environment)
            let password = try PasswordInput.read()
            let hash = try BCrypt.hash(passwordBytes: password, setting: .random(cost: cost))
            FileHandle.standardOutput.write(Data((hash + "\n").utf8))
        } catch let failure as ToolFailure {
            throw ToolFailure.report(failure.message)
        } catch let error as BCryptError {
            throw ToolFailure.report(error.description)
        }
    }

    private func resolvedCost(environment: [String: String]) throws -> Int {
        if let cost { return cost }
        guard let text = environment["BCRYPT_COST"], !text.isEmpty else { return BCrypt.defaultCost }
        guard let cost = Int(text) else { throw ToolFailure("BCRYPT_COST is not a number") }
        return cost
    }
}
