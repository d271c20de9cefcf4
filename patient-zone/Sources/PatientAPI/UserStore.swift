import Foundation

/// Persistence of users and sessions (the seam between the API and MySQL).
public protocol UserStore: Sendable {
    /// Creates the user and its first session together; throws `UserStoreError.emailTaken`.
    func createUser(email: String, passwordHash: String, name: String?, session: NewSession) async throws -> UserRecord
    /// The user and their password hash, by normalised email.
    func credentials(email: String) async throws -> (user: UserRecord, passwordHash: String)?
    func createSession(userID: Int64, session: NewSession) async throws
    /// The user of a live (unexpired, unrevoked) session.
    func user(tokenHash: [UInt8], now: Date) async throws -> UserRecord?
    /// Revokes a live session; false when there was none.
    func revokeSession(tokenHash: [UInt8], now: Date) async throws -> Bool
    func isHealthy() async -> Bool
    /// Failed logins counted for an email (by hash) in a window still open at `now`, and when it ends.
    func loginFailures(emailHash: [UInt8], now: Date) async throws -> (count: Int, windowEnds: Date)?
    /// Counts a failed login; a window of `window` starts at `now` when none is open.
    func recordLoginFailure(emailHash: [UInt8], now: Date, window: Duration) async throws
    /// Forgets an email's failures (after a successful login).
    func clearLoginFailures(emailHash: [UInt8]) async throws
}

public struct NewSession: Sendable {
    public let tokenHash: [UInt8]
    public let createdAt: Date
    public let expiresAt: Date

    public init(tokenHash: [UInt8], createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public enum UserStoreError: Error, Equatable {
    case emailTaken
}
