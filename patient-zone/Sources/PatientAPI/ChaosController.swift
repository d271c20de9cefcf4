import Foundation
import Logging
import MySQL
import NIOConcurrencyHelpers

/// Runs chaos scenarios: each switches on a real fault for a bounded time, then switches it off.
/// Starting a running scenario moves its end.
public final class ChaosController: Sendable {
    public static let maximumSeconds = 300
    public static let maximumMegabytes = 2048

    let pool: MySQLPool
    let store: MySQLUserStore
    let hasher: BCryptPasswordHasher
    let logger: Logger
    private let endings = NIOLockedValueBox([ChaosScenario: ContinuousClock.Instant]())

    public init(pool: MySQLPool, store: MySQLUserStore, hasher: BCryptPasswordHasher, logger: Logger) {
        self.pool = pool
        self.store = store
        self.hasher = hasher
        self.logger = logger
    }

    /// Starts (or extends) `scenario` for `seconds`; returns when it will end.
    @discardableResult
    public func start(_ scenario: ChaosScenario, seconds: Int, megabytes: Int = 512) -> Date {
        let seconds = min(max(seconds, 1), Self.maximumSeconds)
        let end = ContinuousClock.now + .seconds(seconds)
        let alreadyRunning = endings.withLockedValue { endings -> Bool in
            defer { endings[scenario] = end }
            return endings[scenario] != nil
        }
        logger.notice("chaos scenario started", metadata: [
            "chaos.scenario": "\(scenario.rawValue)", "chaos.seconds": "\(seconds)",
        ])
        if !alreadyRunning {
            let megabytes = min(max(megabytes, 1), Self.maximumMegabytes)
            Task { await self.run(scenario, megabytes: megabytes) }
        }
        return Date().addingTimeInterval(Double(seconds))
    }

    public func isRunning(_ scenario: ChaosScenario) -> Bool {
        endings.withLockedValue { $0[scenario] != nil }
    }

    private func remaining(_ scenario: ChaosScenario) -> Duration? {
        endings.withLockedValue { endings in
            guard let end = endings[scenario] else { return nil }
            let left = end - ContinuousClock.now
            if left <= .zero {
                endings[scenario] = nil
                return nil
            }
            return left
        }
    }

    private func run(_ scenario: ChaosScenario, megabytes: Int) async {
        var memory = MemoryBallast()
        switch scenario {
        case .dbTimeout: pool.faults.stallSeconds = pool.configuration.readTimeoutSeconds + 2
        case .dependencyDown: pool.faults.unreachable = true
        case .errorBurst: store.schemaDrift = true
        case .slowHash: hasher.slowedDown = true
        case .memorySpike: memory.grow(megabytes: megabytes)
        case .poolExhausted: break
        }
        while let left = remaining(scenario) {
            if scenario == .poolExhausted {
                await pool.hold(connections: pool.configuration.poolSize, for: left)
            } else {
                try? await Task.sleep(for: min(left, .seconds(1)))
            }
        }
        switch scenario {
        case .dbTimeout: pool.faults.stallSeconds = nil
        case .dependencyDown: pool.faults.unreachable = false
        case .errorBurst: store.schemaDrift = false
        case .slowHash: hasher.slowedDown = false
        case .memorySpike: memory.release()
        case .poolExhausted: break
        }
        logger.notice("chaos scenario ended", metadata: ["chaos.scenario": "\(scenario.rawValue)"])
    }
}

/// Resident memory held on purpose: 64 MiB chunks with every page written.
struct MemoryBallast {
    private var chunks: [UnsafeMutableRawPointer] = []
    private static let chunkBytes = 64 * 1024 * 1024

    mutating func grow(megabytes: Int) {
        let count = max(1, megabytes / 64)
        for _ in 0..<count {
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkBytes, alignment: 4096)
            var offset = 0
            while offset < Self.chunkBytes {
                chunk.storeBytes(of: UInt8(truncatingIfNeeded: offset >> 12), toByteOffset: offset, as: UInt8.self)
                offset += 4096
            }
            chunks.append(chunk)
        }
    }

    mutating func release() {
        for chunk in chunks { chunk.deallocate() }
        chunks.removeAll()
    }
}
