import Foundation

/// The SDKs' "standard" retry mode: at most `maxAttempts` attempts, capped exponential backoff with
/// full jitter (`random(0, min(maxBackoff, base * 2^(attempt-1)))`), and a shared retry quota.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxBackoff: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
    }

    /// The delay before retry number `retry` (1 for the first retry), with full jitter from `random` in [0, 1).
    public func delay(beforeRetry retry: Int, random: Double) -> Duration {
        let exponent = Double(1 << min(max(retry - 1, 0), 30))
        let cap = min(seconds(maxBackoff), seconds(baseDelay) * exponent)
        return .milliseconds(Int64((cap * min(max(random, 0), 1) * 1000).rounded(.down)))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Why a failed attempt may be tried again.
public enum RetryKind: Sendable, Hashable {
    case throttling
    case transient
    case timeout
}

/// The token bucket that stops retry storms (standard mode: 500 tokens, a retry costs 5,
/// a retry after a timeout costs 10, a success after a retry gives back what it took, others 1).
public actor RetryQuota {
    public let capacity: Int
    public private(set) var available: Int
    public let retryCost: Int
    public let timeoutCost: Int

    public init(capacity: Int = 500, retryCost: Int = 5, timeoutCost: Int = 10) {
        self.capacity = capacity
        self.available = capacity
        self.retryCost = retryCost
        self.timeoutCost = timeoutCost
    }

    /// Takes tokens for one retry; nil when the quota is spent (then the call fails without retrying).
    public func acquire(for kind: RetryKind) -> Int? {
        let cost = kind == .timeout ? timeoutCost : retryCost
        guard available >= cost else { return nil }
        available -= cost
        return cost
    }

    /// Gives tokens back after a success: what the retry took, or 1 for a first-attempt success.
    public func release(_ tokens: Int?) {
        available = min(capacity, available + (tokens ?? 1))
    }
}
