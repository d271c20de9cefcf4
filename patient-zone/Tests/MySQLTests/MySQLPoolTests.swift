import Foundation
import MySQL
import NIOConcurrencyHelpers
import Testing

@Suite struct MySQLPoolTests {
    @Test func manyConcurrentCallersShareABoundedPool() async throws {
        let pool = try TestDatabase.pool(poolSize: 3, acquireTimeout: .seconds(10))
        let sums = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<60 {
                group.addTask {
                    try await pool.withConnection { try $0.query("SELECT ? + 1 AS v", [index])[0].decode("v", as: Int.self) }
                }
            }
            return try await group.reduce(0, +)
        }
        let statistics = pool.statistics
        await pool.shutdown()
        #expect(sums == (0..<60).reduce(0, +) + 60)
        #expect(statistics.open <= 3)
        #expect(statistics.inUse == 0)
    }

    @Test func exhaustedPoolFailsAfterTheAcquireDeadline() async throws {
        let pool = try TestDatabase.pool(poolSize: 1, acquireTimeout: .milliseconds(300))
        let holder = Task { await pool.hold(connections: 1, for: .seconds(2)) }
        while pool.statistics.inUse < 1 { try await Task.sleep(for: .milliseconds(10)) }
        let started = ContinuousClock.now
        var caught: MySQLError?
        do { _ = try await pool.withConnection { try $0.query("SELECT 1") } } catch let error as MySQLError { caught = error }
        let waited = ContinuousClock.now - started
        await holder.value
        let afterwards = try await pool.withConnection { try $0.query("SELECT 1 AS one")[0].decode("one", as: Int.self) }
        await pool.shutdown()
        #expect(caught?.kind == .poolExhausted)
        #expect(caught?.isUnavailable == true)
        #expect(waited >= .milliseconds(250))
        #expect(afterwards == 1)
    }

    @Test func readTimeoutFailsTheCallAndTheConnectionIsReplaced() async throws {
        let pool = try TestDatabase.pool(poolSize: 1, readTimeoutSeconds: 1)
        var caught: MySQLError?
        do { _ = try await pool.withConnection { try $0.execute("DO SLEEP(5)") } } catch let error as MySQLError { caught = error }
        let afterwards = try await pool.withConnection { try $0.query("SELECT 2 AS two")[0].decode("two", as: Int.self) }
        await pool.shutdown()
        #expect(caught?.kind == .timeout)
        #expect(afterwards == 2)
    }

    @Test func killedConnectionIsDroppedAndNeverHandedOutAgain() async throws {
        // no ping on checkout: the query itself meets the dead socket
        let (pool, firstID) = try await Self.poolWithAKilledConnection(poolSize: 1, idleCheckAfter: .seconds(3600))
        var caught: MySQLError?
        do { _ = try await pool.withConnection { try $0.query("SELECT 1") } } catch let error as MySQLError { caught = error }
        let secondID = try await pool.withConnection(Self.connectionID)
        await pool.shutdown()
        #expect(caught?.isUnavailable == true)
        #expect(secondID != firstID)
    }

    @Test func readThatMeetsALostConnectionIsAnsweredOnAFreshOne() async throws {
        // no ping on checkout: the read itself meets the dead socket
        let (pool, firstID) = try await Self.poolWithAKilledConnection(poolSize: 2, idleCheckAfter: .seconds(3600))
        let attempts = NIOLockedValueBox(0)
        let secondID = try await pool.read { connection in
            attempts.withLockedValue { $0 += 1 }
            return try Self.connectionID(connection)
        }
        let statistics = pool.statistics
        await pool.shutdown()
        #expect(secondID != firstID)
        #expect(attempts.withLockedValue { $0 } == 2)
        #expect(statistics.open == 1)
    }

    @Test(arguments: [ReadFailure.timeout, .refused])
    func readIsNotRetriedWhenASecondTryWouldOnlyWaitAgain(_ failure: ReadFailure) async throws {
        var configuration = try TestDatabase.configuration(poolSize: 1, readTimeoutSeconds: 1)
        if failure == .refused { configuration.port = 9 }
        let pool = MySQLPool(configuration: configuration, logger: .init(label: "test"))
        let attempts = NIOLockedValueBox(0)
        var caught: MySQLError?
        do {
            try await pool.read { connection in
                attempts.withLockedValue { $0 += 1 }
                try connection.execute("DO SLEEP(3)")
            }
        } catch let error as MySQLError { caught = error }
        await pool.shutdown()
        #expect(caught?.kind == (failure == .timeout ? .timeout : .connectFailed))
        #expect(attempts.withLockedValue { $0 } == (failure == .timeout ? 1 : 0))
    }

    @Test func idleConnectionKilledByTheServerIsReplacedOnCheckoutWithoutAnError() async throws {
        // ping every connection on checkout
        let (pool, firstID) = try await Self.poolWithAKilledConnection(poolSize: 1, idleCheckAfter: .zero)
        let secondID = try await pool.withConnection(Self.connectionID)
        await pool.shutdown()
        #expect(secondID != firstID)
    }

    @Test func unreachableServerFailsFastWithConnectFailed() async throws {
        var configuration = try TestDatabase.configuration(poolSize: 2)
        configuration.port = 9
        let pool = MySQLPool(configuration: configuration, logger: .init(label: "test"))
        var caught: MySQLError?
        do { _ = try await pool.withConnection { try $0.query("SELECT 1") } } catch let error as MySQLError { caught = error }
        let statistics = pool.statistics
        await pool.shutdown()
        #expect(caught?.kind == .connectFailed)
        #expect(statistics.open == 0)
    }

    @Test func faultsGoThroughTheRealFailurePathsAndClear() async throws {
        let pool = try TestDatabase.pool(poolSize: 2, readTimeoutSeconds: 1)
        pool.faults = MySQLFaults(unreachable: true)
        var down: MySQLError?
        do { _ = try await pool.withConnection { try $0.query("SELECT 1") } } catch let error as MySQLError { down = error }
        pool.faults = MySQLFaults(stallSeconds: 3)
        var stalled: MySQLError?
        do { _ = try await pool.withConnection { try $0.query("SELECT 1") } } catch let error as MySQLError { stalled = error }
        pool.faults = MySQLFaults()
        let healthy = await pool.isHealthy()
        await pool.shutdown()
        #expect(down?.kind == .connectFailed)
        #expect(stalled?.kind == .timeout)
        #expect(healthy)
    }

    enum ReadFailure: Sendable { case timeout, refused }

    @Sendable static func connectionID(_ connection: MySQLConnection) throws -> Int {
        try connection.query("SELECT CONNECTION_ID() AS id")[0].decode("id", as: Int.self)
    }

    /// A pool whose one open connection the server has killed behind its back; returns that connection's id.
    static func poolWithAKilledConnection(poolSize: Int, idleCheckAfter: Duration) async throws -> (MySQLPool, Int) {
        var configuration = try TestDatabase.configuration(poolSize: poolSize)
        configuration.idleCheckAfter = idleCheckAfter
        let pool = MySQLPool(configuration: configuration, logger: .init(label: "test"))
        let id = try await pool.withConnection(connectionID)
        let killer = try TestDatabase.pool(poolSize: 1)
        _ = try await killer.withConnection { try $0.execute("KILL CONNECTION ?", [id]) }
        await killer.shutdown()
        return (pool, id)
    }
}
