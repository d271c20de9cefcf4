import Foundation
import Logging
import MySQL
import ServiceLifecycle

/// Samples the resident set every `interval` and logs `memory_high` while it is above the limit.
struct MemoryWatchdog: Service {
    let limitBytes: Int
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                check()
            }
        }
    }

    func check() {
        guard let rss = Self.residentBytes(), rss > limitBytes else { return }
        let rssMB = rss / (1024 * 1024)
        let limitMB = limitBytes / (1024 * 1024)
        logger.warning("process memory high: rss \(rssMB) MiB above \(limitMB) MiB", metadata: [
            "error.code": "memory_high", "memory.rss_mb": "\(rssMB)", "memory.limit_mb": "\(limitMB)",
        ])
    }

    /// Resident set size from /proc/self/statm (Linux); nil elsewhere.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// Closes the MySQL pool and the hashing threads once the HTTP server has stopped.
struct ResourceCloser: Service {
    let pool: MySQLPool
    let hasher: BCryptPasswordHasher

    func run() async throws {
        try? await gracefulShutdown()
        await pool.shutdown()
        await hasher.shutdown()
    }
}
