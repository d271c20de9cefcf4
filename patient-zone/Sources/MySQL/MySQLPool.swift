import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A bounded pool of MySQL connections whose blocking calls run on the pool's own threads
/// (never on a NIO event loop, never on the Swift cooperative pool).
///
/// - At most `poolSize` connections exist; a caller that finds none free waits up to
///   `acquireTimeout`, then gets `pool_exhausted`.
/// - A connection that fails with a connection-level error is closed, never handed out again,
///   and every idle connection is dropped with it (the server probably restarted); the next
///   caller opens a fresh one, so the pool recovers by itself when MySQL is back.
public final class MySQLPool: Sendable {
    public let configuration: MySQLConfiguration
    private let threads: NIOThreadPool
    private let state = NIOLockedValueBox(State())
    private let faultBox = NIOLockedValueBox(MySQLFaults())
    private let logger: Logger

    /// What a waiting caller is given: an open connection, or the right to open one.
    enum Grant: Sendable {
        case existing(MySQLConnection)
        case openNew
    }

    struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Grant, any Error>
        let timeout: Scheduled<Void>
    }

    struct State {
        var idle: [MySQLConnection] = []
        var open = 0
        var leased = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
        var closed = false
    }

    /// Counts for metrics and `/readyz`.
    public struct Statistics: Sendable, Equatable {
        public var open: Int
        public var inUse: Int
        public var idle: Int
        public var waiting: Int
        public var size: Int
    }

    public init(configuration: MySQLConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        // One thread per connection, plus two so closing broken connections never waits behind queries.
        threads = NIOThreadPool(numberOfThreads: configuration.poolSize + 2)
        threads.start()
    }

    public var statistics: Statistics {
        state.withLockedValue {
            Statistics(open: $0.open, inUse: $0.leased, idle: $0.idle.count, waiting: $0.waiters.count,
                       size: configuration.poolSize)
        }
    }

    /// Fault injection for the chaos scenarios: the same code paths a real outage takes.
    public var faults: MySQLFaults {
        get { faultBox.withLockedValue { $0 } }
        set { faultBox.withLockedValue { $0 = newValue } }
    }

    /// Runs `body` with a connection, on one of the pool's threads.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (MySQLConnection) throws -> T) async throws -> T {
        let grant = try await acquire()
        let faults = self.faults
        do {
            return try await threads.runIfActive { [self] in
                try self.runLeased(grant, faults: faults, body)
            }
        } catch let error as NIOThreadPoolError.ThreadPoolInactive {
            giveBack(grant, broken: true)
            throw MySQLError(kind: .poolClosed, message: "mysql pool is shut down (\(error))")
        }
    }

    /// Runs an idempotent read: `body` must not write. When the connection turns out to be lost
    /// (the server restarted, RDS failed over, something closed it), the read runs once more on a
    /// fresh connection, so the caller gets an answer rather than `db_connection_lost`. The loss is
    /// still logged. Refused connects and timeouts are not retried: a second try would only double
    /// the wait.
    public func read<T: Sendable>(_ body: @escaping @Sendable (MySQLConnection) throws -> T) async throws -> T {
        do {
            return try await withConnection(body)
        } catch let error as MySQLError where error.kind == .connectionLost {
            return try await withConnection(body)
        }
    }

    /// Runs `body` in a transaction on one connection (COMMIT on return, ROLLBACK on throw).
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (MySQLConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.transaction(body) }
    }

    /// True when a connection can be had and the server answers `SELECT 1`.
    public func isHealthy() async -> Bool {
        (try? await read { connection in try connection.query("SELECT 1").count == 1 }) ?? false
    }

    /// Keeps `count` connections checked out for `duration` and then gives them back: what a connection
    /// leak does to the pool. Used by fault injection (the `pool-exhausted` scenario).
    public func hold(connections count: Int, for duration: Duration) async {
        var grants: [Grant] = []
        for _ in 0..<count {
            guard let grant = try? await acquire(logExhaustion: false) else { break }
            grants.append(grant)
        }
        try? await Task.sleep(for: duration)
        for grant in grants { giveBack(grant, broken: false) }
    }

    /// Fails waiting callers, closes idle connections and stops the threads.
    public func shutdown() async {
        let (waiters, idle) = state.withLockedValue { state -> ([Waiter], [MySQLConnection]) in
            state.closed = true
            defer { state.waiters.removeAll(); state.idle.removeAll() }
            state.open -= state.idle.count
            return (state.waiters, state.idle)
        }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: MySQLError(kind: .poolClosed, message: "mysql pool is shut down"))
        }
        _ = try? await threads.runIfActive { for connection in idle { connection.close() } }
        try? await threads.shutdownGracefully()
    }

    // MARK: - on the pool's threads

    private func runLeased<T>(_ grant: Grant, faults: MySQLFaults, _ body: (MySQLConnection) throws -> T) throws -> T {
        let connection: MySQLConnection
        do {
            connection = try connectionFor(grant, faults: faults)
        } catch let error as MySQLError {
            giveBack(.openNew, broken: true)
            report(error)
            throw error
        }
        do {
            if let seconds = faults.stallSeconds {
                try connection.execute("DO SLEEP(?)", [Int(seconds)])
            }
            let value = try body(connection)
            giveBack(.existing(connection), broken: connection.isBroken)
            return value
        } catch {
            giveBack(.existing(connection), broken: connection.isBroken)
            if let error = error as? MySQLError { report(error) }
            throw error
        }
    }

    private func connectionFor(_ grant: Grant, faults: MySQLFaults) throws -> MySQLConnection {
        var target = configuration
        if faults.unreachable {
            // Nothing listens on the discard port: a real refused connection, as when MySQL is down.
            target.host = "127.0.0.1"
            target.port = 9
        }
        switch grant {
        case .existing(let connection):
            let idleFor = ContinuousClock.now - connection.lastUsed
            if !faults.unreachable, idleFor < configuration.idleCheckAfter || connection.ping() {
                return connection
            }
            connection.close()
            return try MySQLConnection.connect(target)
        case .openNew:
            return try MySQLConnection.connect(target)
        }
    }

    /// Logs a failure that makes the database unavailable, once, where it happens.
    private func report(_ error: MySQLError) {
        var metadata: Logger.Metadata = [
            "error.code": "\(error.code)",
            "db.host": "\(configuration.host):\(configuration.port)",
        ]
        if error.errno != 0 { metadata["mysql.errno"] = "\(error.errno)" }
        switch error.kind {
        case .connectFailed:
            logger.error("mysql connect failed: \(error.message)", metadata: metadata)
        case .connectionLost:
            logger.error("mysql connection lost: \(error.message)", metadata: metadata)
        case .timeout:
            metadata["timeout_ms"] = "\(configuration.readTimeoutSeconds * 1000)"
            logger.error("mysql query timed out after \(configuration.readTimeoutSeconds * 1000) ms", metadata: metadata)
        case .poolExhausted, .poolClosed, .server, .decoding, .invalidConfiguration:
            break
        }
    }

    // MARK: - lease bookkeeping

    private func acquire(logExhaustion: Bool = true) async throws -> Grant {
        if let grant = try state.withLockedValue({ try Self.take(&$0, size: configuration.poolSize) }) {
            return grant
        }
        let id = state.withLockedValue { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        let timeoutMs = Int(configuration.acquireTimeout.components.seconds * 1000
            + configuration.acquireTimeout.components.attoseconds / 1_000_000_000_000_000)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                // A timer on an event loop, not a Task per waiter: waiting is the common case under load.
                let timeout = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(
                    in: .nanoseconds(Int64(timeoutMs) * 1_000_000)
                ) { [self] in
                    guard let waiter = removeWaiter(id) else { return }
                    let stats = statistics
                    if logExhaustion {
                        logger.error("mysql pool exhausted: no connection within \(timeoutMs) ms", metadata: [
                            "error.code": "pool_exhausted",
                            "pool.size": "\(stats.size)",
                            "pool.in_use": "\(stats.inUse)",
                            "pool.waiting": "\(stats.waiting + 1)",
                            "timeout_ms": "\(timeoutMs)",
                        ])
                    }
                    waiter.continuation.resume(throwing: MySQLError(
                        kind: .poolExhausted, message: "no connection within \(timeoutMs) ms"))
                }
                let result = Result { () throws -> Grant? in
                    try state.withLockedValue { state in
                        if let grant = try Self.take(&state, size: configuration.poolSize) { return grant }
                        state.waiters.append(Waiter(id: id, continuation: continuation, timeout: timeout))
                        return nil
                    }
                }
                switch result {
                case .success(let grant?):
                    timeout.cancel()
                    continuation.resume(returning: grant)
                case .success(nil):
                    break
                case .failure(let error):
                    timeout.cancel()
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let waiter = removeWaiter(id) {
                waiter.timeout.cancel()
                waiter.continuation.resume(throwing: CancellationError())
            }
        }
    }

    private static func take(_ state: inout State, size: Int) throws -> Grant? {
        if state.closed { throw MySQLError(kind: .poolClosed, message: "mysql pool is shut down") }
        if let connection = state.idle.popLast() {
            state.leased += 1
            return .existing(connection)
        }
        if state.open < size {
            state.open += 1
            state.leased += 1
            return .openNew
        }
        return nil
    }

    private func removeWaiter(_ id: Int) -> Waiter? {
        state.withLockedValue { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
    }

    /// Returns a lease. A broken connection is closed and its slot goes to the next waiter as the
    /// right to open a fresh one; idle connections are dropped with it.
    private func giveBack(_ grant: Grant, broken: Bool) {
        var toClose: [MySQLConnection] = []
        var handOff: (Waiter, Grant)?
        state.withLockedValue { state in
            state.leased -= 1
            let connection: MySQLConnection? = if case .existing(let connection) = grant { connection } else { nil }
            if state.closed || broken || connection == nil {
                if let connection { toClose.append(connection) }
                if broken {
                    toClose.append(contentsOf: state.idle)
                    state.open -= state.idle.count
                    state.idle.removeAll()
                }
                state.open -= 1
                if !state.closed, !state.waiters.isEmpty {
                    state.open += 1
                    state.leased += 1
                    handOff = (state.waiters.removeFirst(), .openNew)
                }
            } else if let connection {
                if state.waiters.isEmpty {
                    state.idle.append(connection)
                } else {
                    state.leased += 1
                    handOff = (state.waiters.removeFirst(), .existing(connection))
                }
            }
        }
        if let (waiter, grant) = handOff {
            waiter.timeout.cancel()
            waiter.continuation.resume(returning: grant)
        }
        for connection in toClose { connection.close() }
    }
}

/// Faults the pool can be told to produce (chaos scenarios). Both go through the real failure paths.
public struct MySQLFaults: Sendable, Equatable {
    /// New connections go to a port where nothing listens; pooled ones are not reused.
    public var unreachable = false
    /// Before each use the connection runs `DO SLEEP(n)`: with n above the read timeout, the client
    /// library's own read timeout fires.
    public var stallSeconds: UInt32?

    public init(unreachable: Bool = false, stallSeconds: UInt32? = nil) {
        self.unreachable = unreachable
        self.stallSeconds = stallSeconds
    }
}
