import NIOConcurrencyHelpers

/// Login throttling per client address, in memory per instance, with fixed windows: at most
/// `attemptsPerIP` attempts per `ipWindow` (credential stuffing, CPU). The edge (WAF) limits addresses
/// across instances; the per-email limit is shared through the database (`AuthService`).
/// A refusal carries the seconds until the window ends (`Retry-After`).
public final class LoginRateLimiter: Sendable {
    struct Window {
        var count: Int
        var endsAt: ContinuousClock.Instant
    }

    public let attemptsPerIP: Int
    public let ipWindow: Duration
    private let windows = NIOLockedValueBox([String: Window]())
    private static let pruneAbove = 100_000

    public init(attemptsPerIP: Int, ipWindow: Duration) {
        self.attemptsPerIP = attemptsPerIP
        self.ipWindow = ipWindow
    }

    /// Counts an attempt from `ip` and says whether it may go on; nil means allowed, else the
    /// seconds to wait.
    public func admit(ip: String, now: ContinuousClock.Instant = .now) -> Int? {
        windows.withLockedValue { windows in
            if windows.count > Self.pruneAbove { windows = windows.filter { $0.value.endsAt > now } }
            var window = windows[ip].flatMap { $0.endsAt > now ? $0 : nil } ?? Window(count: 0, endsAt: now + ipWindow)
            if window.count >= attemptsPerIP { return Self.seconds(until: window.endsAt, from: now) }
            window.count += 1
            windows[ip] = window
            return nil
        }
    }

    private static func seconds(until end: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int {
        let left = end - now
        return max(1, Int(left.components.seconds) + (left.components.attoseconds > 0 ? 1 : 0))
    }
}
