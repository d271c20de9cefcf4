import Crypto
import Foundation
import Logging
import MySQL

/// The behaviour of the auth routes, without HTTP: validation, hashing, sessions, throttling,
/// and the translation of storage failures into the contract's errors.
public struct AuthService: Sendable {
    let store: any UserStore
    let hasher: any PasswordHashing
    let limiter: LoginRateLimiter
    /// Failed logins allowed per email per `emailWindow`, counted in the database for every instance.
    let failuresPerEmail: Int
    let emailWindow: Duration
    let sessionLifetime: Duration
    let logger: Logger

    public init(store: any UserStore, hasher: any PasswordHashing, limiter: LoginRateLimiter,
                failuresPerEmail: Int, emailWindow: Duration, sessionLifetime: Duration, logger: Logger) {
        self.store = store
        self.hasher = hasher
        self.limiter = limiter
        self.failuresPerEmail = failuresPerEmail
        self.emailWindow = emailWindow
        self.sessionLifetime = sessionLifetime
        self.logger = logger
    }

    public func signup(email rawEmail: String, password rawPassword: String, name rawName: String?) async throws -> (UserRecord, String) {
        let email = try Validation.email(rawEmail)
        let password = try Validation.newPassword(rawPassword)
        let name = try Validation.name(rawName)
        let hash = try await hashing { try await hasher.hash(password) }
        let (token, session) = newSession()
        do {
            let user = try await storage { try await store.createUser(email: email, passwordHash: hash, name: name, session: session) }
            return (user, token)
        } catch UserStoreError.emailTaken {
            throw APIError.emailTaken
        }
    }

    public func login(email rawEmail: String, password rawPassword: String, clientAddress: String) async throws -> (UserRecord, String) {
        let email = try Validation.email(rawEmail)
        let password = try Validation.loginPassword(rawPassword)
        let emailHash = Array(SHA256.hash(data: Array(email.utf8)))
        let now = Date()
        if let failures = try await storage({ try await store.loginFailures(emailHash: emailHash, now: now) }),
           failures.count >= failuresPerEmail {
            throw APIError.rateLimited(retryAfterSeconds: max(1, Int(failures.windowEnds.timeIntervalSince(now).rounded(.up))))
        }
        if let retryAfter = limiter.admit(ip: clientAddress) {
            throw APIError.rateLimited(retryAfterSeconds: retryAfter)
        }
        let found = try await storage { try await store.credentials(email: email) }
        let matches: Bool
        if let found {
            matches = try await hashing { try await hasher.verify(password, against: found.passwordHash) }
        } else {
            // Same work as a real check, so timing does not tell unknown emails from wrong passwords.
            matches = try await hashing { try await hasher.verifyDummy(password) }
        }
        guard let found, matches else {
            try await storage { try await store.recordLoginFailure(emailHash: emailHash, now: now, window: emailWindow) }
            throw APIError.invalidCredentials
        }
        try await storage { try await store.clearLoginFailures(emailHash: emailHash) }
        let (token, session) = newSession()
        try await storage { try await store.createSession(userID: found.user.id, session: session) }
        return (found.user, token)
    }

    /// The user of a bearer token, or 401.
    public func authenticate(authorization: String?) async throws -> UserRecord {
        guard let token = SessionToken.bearer(from: authorization) else { throw APIError.unauthorized }
        let user = try await storage { try await store.user(tokenHash: SessionToken.hash(token), now: Date()) }
        guard let user else { throw APIError.unauthorized }
        return user
    }

    public func logout(authorization: String?) async throws {
        guard let token = SessionToken.bearer(from: authorization) else { throw APIError.unauthorized }
        let revoked = try await storage { try await store.revokeSession(tokenHash: SessionToken.hash(token), now: Date()) }
        guard revoked else { throw APIError.unauthorized }
    }

    private func newSession() -> (String, NewSession) {
        let token = SessionToken.generate()
        let now = Date()
        let lifetime = Double(sessionLifetime.components.seconds)
        return (token, NewSession(tokenHash: SessionToken.hash(token), createdAt: now, expiresAt: now.addingTimeInterval(lifetime)))
    }

    /// Runs a storage call; MySQL being unreachable becomes 503, anything unexpected a logged 500.
    private func storage<T>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as MySQLError where error.isUnavailable {
            throw APIError.databaseUnavailable(cause: error.code)
        } catch let error as MySQLError {
            var metadata: Logger.Metadata = ["error.code": "\(error.code)"]
            if error.errno != 0 { metadata["mysql.errno"] = "\(error.errno)" }
            if !error.sqlState.isEmpty { metadata["mysql.sqlstate"] = "\(error.sqlState)" }
            logger.error("mysql query failed: \(error.message)", metadata: metadata)
            throw APIError.internalError(cause: error.code)
        }
    }

    private func hashing<T>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch HashingError.queueTimeout {
            throw APIError.overloaded(cause: "hash_queue_timeout")
        }
    }
}
