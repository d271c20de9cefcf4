import Foundation
import MySQL

/// Everything the API reads from its environment, parsed once at start.
public struct PatientAPIConfiguration: Sendable {
    public var host: String = "0.0.0.0"
    public var port: Int = 8080
    public var mysql: MySQLConfiguration
    public var bcryptCost: Int = 12
    /// Most bcrypt computations at once (default: the number of cores).
    public var hashConcurrency: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Longest a login or signup waits for a bcrypt slot before `503 overloaded`.
    public var hashQueueTimeout: Duration = .seconds(10)
    /// A single hash or verify slower than this is logged as `slow_hash` (`SLOW_HASH_MS`; by default
    /// five times what one takes at `bcryptCost` on a current core: 250 ms at cost 10, 1 s at cost 12).
    public var slowHashThreshold: Duration?
    /// The threshold in force: the configured one, or the default for `bcryptCost`.
    public var effectiveSlowHashThreshold: Duration {
        slowHashThreshold ?? Self.defaultSlowHashThreshold(cost: bcryptCost)
    }
    public var sessionLifetime: Duration = .seconds(24 * 3600)
    public var maxBodyBytes: Int = 64 * 1024
    /// Failed logins allowed per email per window.
    public var loginFailuresPerEmail: Int = 5
    public var loginEmailWindow: Duration = .seconds(15 * 60)
    /// Login attempts allowed per client address per window.
    public var loginAttemptsPerIP: Int = 100
    public var loginIPWindow: Duration = .seconds(60)
    /// Peers whose `X-Forwarded-For` is believed (the ALB's subnets).
    public var trustedProxies: [IPNetwork] = []
    /// Enables `POST /chaos/{scenario}` when set.
    public var chaosToken: String?
    /// Resident memory above which the watchdog logs `memory_high`.
    public var memoryWarningBytes: Int = 400 * 1024 * 1024
    public var migrationsDirectory: URL?
    public var migrateOnStart: Bool = false
    /// Folder of the static web front end served at `/` (local development only; `WEB_ROOT`).
    public var webRoot: String?

    /// Five times the ~50 ms a cost-10 bcrypt takes on one core, doubled per cost step (at least 10 ms).
    public static func defaultSlowHashThreshold(cost: Int) -> Duration {
        let milliseconds = 250.0 * Double(1 << max(0, min(cost, 31))) / 1024
        return .milliseconds(Int(max(10, milliseconds.rounded())))
    }

    public init(mysql: MySQLConfiguration) {
        self.mysql = mysql
    }

    /// Reads `PORT`, `DATABASE_URL`/`MYSQL_*`, `BCRYPT_COST`, `CHAOS_TOKEN`, `TRUSTED_PROXIES`
    /// (comma-separated CIDRs), `SESSION_TTL_SECONDS`, `LOGIN_RATE_LIMIT_EMAIL` (failures per 15 min),
    /// `LOGIN_RATE_LIMIT_IP` (attempts per minute), `HASH_CONCURRENCY`, `SLOW_HASH_MS`, `MEMORY_WARNING_MB`,
    /// `MIGRATIONS_DIR`, `MIGRATE_ON_START`, `WEB_ROOT`.
    public init(environment: [String: String]) throws {
        self.init(mysql: try MySQLConfiguration(environment: environment))
        func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw ConfigurationError(message: "\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
            }
            return value
        }
        if let value = environment["HOST"], !value.isEmpty { host = value }
        if let value = try int("PORT", in: 0...65535) { port = value }
        if let value = try int("BCRYPT_COST", in: 4...31) { bcryptCost = value }
        if let value = try int("HASH_CONCURRENCY", in: 1...256) { hashConcurrency = value }
        if let value = try int("SESSION_TTL_SECONDS", in: 60...31_536_000) { sessionLifetime = .seconds(value) }
        if let value = try int("LOGIN_RATE_LIMIT_EMAIL", in: 1...1_000_000) { loginFailuresPerEmail = value }
        if let value = try int("LOGIN_RATE_LIMIT_IP", in: 1...1_000_000_000) { loginAttemptsPerIP = value }
        if let value = try int("SLOW_HASH_MS", in: 1...600_000) { slowHashThreshold = .milliseconds(value) }
        if let value = try int("MEMORY_WARNING_MB", in: 16...1_048_576) { memoryWarningBytes = value * 1024 * 1024 }
        if let value = environment["CHAOS_TOKEN"], !value.isEmpty { chaosToken = value }
        if let value = environment["TRUSTED_PROXIES"], !value.isEmpty {
            trustedProxies = try value.split(separator: ",").map { entry in
                let text = entry.trimmingCharacters(in: .whitespaces)
                guard let network = IPNetwork(text) else {
                    throw ConfigurationError(message: "TRUSTED_PROXIES: `\(text)` is not an address or CIDR")
                }
                return network
            }
        }
        if let value = environment["MIGRATIONS_DIR"], !value.isEmpty { migrationsDirectory = URL(fileURLWithPath: value) }
        migrateOnStart = ["1", "true", "yes"].contains(environment["MIGRATE_ON_START"]?.lowercased() ?? "")
        if let value = environment["WEB_ROOT"], !value.isEmpty { webRoot = value }
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
