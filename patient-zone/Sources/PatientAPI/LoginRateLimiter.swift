import Crypto
import NIOConcurrencyHelpers

/// Login throttling, in memory per instance, with fixed windows:
/// - per client address: at most `attemptsPerIP` attempts per `ipWindow` (credential stuffing, CPU);
/// - per email: at most `failuresPerEmail` failed attempts per `emailWindow` (password guessing);
///   a successful login clears the email's count.
/// A refusal carries the seconds until the window ends (`Retry-After`).
public final class LoginRateLimiter: Sendable {
    struct Window {
        var count: Int
        var endsAt: ContinuousClock.Instant
    }

    public let attemptsPerIP: Int
    public let ipWindow: Duration
    public let failuresPerEmail: Int
    public let emailWindow: Duration
    private let windows = NIOLockedValueBox([String: Window]())
    private static let pruneAbove = 100_000

    public init(attemptsPerIP: Int, ipWindow: Duration, failuresPerEmail: Int, emailWindow: Duration) {
        self.attemptsPerIP = attemptsPerIP
        self.ipWindow = ipWindow
        self.failuresPerEmail = failuresPerEmail
        self.emailWindow = emailWindow
    }

    /// Counts an attempt from `ip` and says whether it may go on; nil means allowed, else the
    /// seconds to wait.
    public func admit(ip: String, email: String, now: ContinuousClock.Instant = .now) -> Int? {
        windows.withLockedValue { windows in
            if windows.count > Self.pruneAbove { windows = windows.filter { $0.value.endsAt > now } }
            let emailKey = Self.emailKey(email)
            if let window = windows[emailKey], window.endsAt > now, window.count >= failuresPerEmail {
                return Self.seconds(until: window.endsAt, from: now)
            }
            let ipKey = "ip:" + ip
            var window = windows[ipKey].flatMap { $0.endsAt > now ? $0 : nil } ?? Window(count: 0, endsAt: now + ipWindow)
            if window.count >= attemptsPerIP { return Self.seconds(until: window.endsAt, from: now) }
            window.count += 1
            windows[ipKey] = window
            return nil
        }
    }

    public func recordFailure(email: String, now: ContinuousClock.Instant = .now) {
        let key = Self.emailKey(email)
        windows.withLockedValue { windows in
            var window = windows[key].flatMap { $0.endsAt > now ? $0 : nil } ?? Window(count: 0, endsAt: now + emailWindow)
            window.count += 1
            windows[key] = window
        }
    }

    public func recordSuccess(email: String) {
        let key = Self.emailKey(email)
        _ = windows.withLockedValue { $0.removeValue(forKey: key) }
    }

    /// Emails are kept only as a hash, so the limiter's memory holds no addresses.
    private static func emailKey(_ email: String) -> String {
        "email:" + SHA256.hash(data: Array(email.utf8)).prefix(16).map { String($0, radix: 16) }.joined()
    }

    private static func seconds(until end: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int {
        let left = end - now
        return max(1, Int(left.components.seconds) + (left.components.attoseconds > 0 ? 1 : 0))
    }
}
