import BCrypt
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOPosix

/// Hashing and verifying passwords (the seam; bcrypt in production).
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// Spends the same work as a real verification (for unknown emails) and returns false.
    func verifyDummy(_ password: String) async throws -> Bool
    var queueDepth: Int { get }
}

/// bcrypt on a dedicated thread pool of `concurrency` threads: a burst of logins queues here and
/// never occupies the event loops, so `/healthz` stays fast. A job that waited more than
/// `queueTimeout` for a thread is not computed: the caller gets 503 `overloaded`.
public final class BCryptPasswordHasher: PasswordHashing {
    public let cost: Int
    private let threads: NIOThreadPool
    private let queueTimeout: Duration
    private let slowThreshold: Duration
    private let logger: Logger
    private let dummyHash: String
    private let depth = NIOLockedValueBox(0)
    private let extraWork = NIOLockedValueBox(false)

    public init(cost: Int, concurrency: Int, queueTimeout: Duration, slowThreshold: Duration, logger: Logger) throws {
        self.cost = cost
        self.queueTimeout = queueTimeout
        self.slowThreshold = slowThreshold
        self.logger = logger
        threads = NIOThreadPool(numberOfThreads: max(1, concurrency))
        threads.start()
        // A hash of a random password at the configured cost: verifying an unknown email against it
        // costs exactly what a real verification costs.
        dummyHash = try BCrypt.hash(password: SessionToken.generate(), cost: cost)
    }

    public var queueDepth: Int { depth.withLockedValue { $0 } }

    /// Fault injection (`slow-hash`): every operation also computes a hash at cost + 3 (~8× the CPU).
    public var slowedDown: Bool {
        get { extraWork.withLockedValue { $0 } }
        set { extraWork.withLockedValue { $0 = newValue } }
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await run { try BCrypt.hash(password: password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await run { try BCrypt.verify(password: password, hash: hash) }
    }

    public func verifyDummy(_ password: String) async throws -> Bool {
        let dummy = dummyHash
        _ = try await run { try BCrypt.verify(password: password, hash: dummy) }
        return false
    }

    public func shutdown() async {
        try? await threads.shutdownGracefully()
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let queued = depth.withLockedValue { value -> Int in
            value += 1
            return value
        }
        defer { depth.withLockedValue { $0 -= 1 } }
        let enqueued = ContinuousClock.now
        let (queueTimeout, slowThreshold, cost, logger) = (self.queueTimeout, self.slowThreshold, self.cost, self.logger)
        let slowed = slowedDown
        return try await threads.runIfActive { [depth] in
            let started = ContinuousClock.now
            if started - enqueued > queueTimeout {
                let limit = Self.milliseconds(queueTimeout)
                logger.error("password hash queue wait exceeded \(limit) ms", metadata: [
                    "error.code": "hash_queue_timeout",
                    "hash.queue_depth": "\(depth.withLockedValue { $0 })",
                ])
                throw HashingError.queueTimeout
            }
            let cpuStarted = Self.threadCPUMilliseconds()
            let value = try work()
            if slowed { _ = try? BCrypt.hash(password: "slow-hash", cost: min(cost + 3, 31)) }
            let took = ContinuousClock.now - started
            if took > slowThreshold {
                let milliseconds = Self.milliseconds(took)
                logger.warning("password hash took \(milliseconds) ms, above \(Self.milliseconds(slowThreshold)) ms", metadata: [
                    "error.code": "slow_hash",
                    "hash.ms": "\(milliseconds)",
                    // CPU time of the hash itself: high means hashing got more expensive, low means it waited for a core
                    "hash.cpu_ms": "\(Self.threadCPUMilliseconds() - cpuStarted)",
                    "hash.cost": "\(cost)",
                    "hash.queue_depth": "\(max(queued, depth.withLockedValue { $0 }))",
                ])
            }
            return value
        }
    }

    /// CPU time this thread has used, in milliseconds.
    static func threadCPUMilliseconds() -> Int {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

public enum HashingError: Error, Equatable {
    /// The job waited longer than the queue timeout for a thread.
    case queueTimeout
}
