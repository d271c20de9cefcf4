import Foundation
import Hummingbird
import HummingbirdTesting
import PatientAPI
import Testing

@Suite struct ChaosTests {
    static func start(_ client: any TestClientProtocol, _ scenario: String, seconds: Int, token: String? = "test-chaos-token") async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.init("X-Chaos-Token")!] = token }
        return try await client.execute(uri: "/chaos/\(scenario)?seconds=\(seconds)", method: .post, headers: headers)
    }

    @Test func chaosIsHiddenWithoutTheRightTokenOrWhenDisabled() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            for token in [nil, "wrong", "test-chaos-tokenX"] as [String?] {
                let response = try await Self.start(client, "db-timeout", seconds: 1, token: token)
                #expect(response.status == .notFound)
                #expect(TestAPI.errorCode(response) == "not_found")
            }
            let unknown = try await Self.start(client, "meteor-strike", seconds: 1)
            #expect(unknown.status == .notFound)
        }
        configuration.chaosToken = nil
        try await TestAPI.run(configuration) { client, _ in
            let response = try await Self.start(client, "db-timeout", seconds: 1, token: "")
            #expect(response.status == .notFound)
        }
    }

    @Test func dependencyDownGives503ThenHealsByItself() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        let logs = LogCapture()
        try await TestAPI.run(configuration, logs: logs) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "chaos@example.com")
            let started = try await Self.start(client, "dependency-down", seconds: 2)
            #expect(started.status == .accepted)
            #expect(TestAPI.object(started)["scenario"] as? String == "dependency-down")
            let down = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(down.status == .serviceUnavailable)
            #expect(TestAPI.errorCode(down) == "database_unavailable")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            try await Task.sleep(for: .seconds(3))
            let healed = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(healed.status == .ok)
        }
        #expect(logs.lines.contains { $0.message.hasPrefix("mysql connect failed: ") && $0.metadata["error.code"] == "db_unavailable" })
        #expect(logs.lines.contains { $0.message == "request completed" && $0.metadata["error.code"] == "db_unavailable" })
    }

    @Test func errorBurstAnswers500WithoutInternalsAndLogsTheMySQLError() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        let logs = LogCapture()
        try await TestAPI.run(configuration, logs: logs) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "burst@example.com")
            #expect(try await Self.start(client, "error-burst", seconds: 2).status == .accepted)
            let broken = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(broken.status == .internalServerError)
            #expect(TestAPI.errorCode(broken) == "internal_error")
            #expect(!String(buffer: broken.body).contains("email_verified_at"))
            try await Task.sleep(for: .seconds(3))
            let healed = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(healed.status == .ok)
        }
        #expect(logs.lines.contains { $0.message.hasPrefix("mysql query failed: Unknown column") && $0.metadata["mysql.errno"] == "1054" })
    }

    @Test func poolExhaustedWaitsTheDeadlineThenAnswers503() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.mysql.poolSize = 2
        configuration.mysql.acquireTimeout = .milliseconds(300)
        let logs = LogCapture()
        try await TestAPI.run(configuration, logs: logs) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "pool@example.com")
            #expect(try await Self.start(client, "pool-exhausted", seconds: 2).status == .accepted)
            try await Task.sleep(for: .milliseconds(200))
            let starved = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(starved.status == .serviceUnavailable)
            #expect(TestAPI.errorCode(starved) == "database_unavailable")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            try await Task.sleep(for: .seconds(3))
            let healed = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(healed.status == .ok)
        }
        #expect(logs.lines.contains { $0.message == "mysql pool exhausted: no connection within 300 ms" && $0.metadata["error.code"] == "pool_exhausted" })
    }

    @Test func dbTimeoutFiresTheClientReadTimeout() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.mysql.readTimeoutSeconds = 1
        let logs = LogCapture()
        try await TestAPI.run(configuration, logs: logs) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "slow@example.com")
            #expect(try await Self.start(client, "db-timeout", seconds: 2).status == .accepted)
            let timedOut = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(timedOut.status == .serviceUnavailable)
            try await Task.sleep(for: .seconds(3))
            let healed = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(healed.status == .ok)
        }
        #expect(logs.lines.contains { $0.message == "mysql query timed out after 1000 ms" && $0.metadata["error.code"] == "db_timeout" })
    }

    @Test("slow-hash makes every hash several times slower and each one logs slow_hash")
    func slowHashLogsSlowHashes() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        // every hash is logged with its CPU time, so the test compares before and during the scenario
        // (CPU time, not wall time, which other suites on the same cores stretch): cost 8 is ~12 ms of
        // CPU; the scenario adds a cost-11 hash (~100 ms)
        configuration.bcryptCost = 8
        configuration.slowHashThreshold = .milliseconds(1)
        let logs = LogCapture()
        @Sendable func hashMilliseconds() -> [Int] {
            logs.lines.filter { $0.message.hasPrefix("password hash took ") && $0.metadata["error.code"] == "slow_hash" }
                .compactMap { $0.metadata["hash.cpu_ms"].flatMap { Int($0) } }
        }
        try await TestAPI.run(configuration, logs: logs) { client, _ in
            for n in 0..<3 { _ = try await TestAPI.signup(client, email: "fast\(n)@example.com") }
            #expect(hashMilliseconds().count == 3, "one hash per signup")
            #expect(try await Self.start(client, "slow-hash", seconds: 30).status == .accepted)
            for n in 0..<3 { _ = try await TestAPI.signup(client, email: "slow\(n)@example.com") }
        }
        let all = hashMilliseconds()
        try #require(all.count == 6, "hash durations logged: \(all)")
        let (normal, slowed) = (Array(all[..<3]), Array(all[3...]))
        #expect(slowed.sorted()[1] >= 3 * max(1, normal.sorted()[1]), "median hash: \(normal) before, \(slowed) during")
    }

    @Test("the default slow-hash threshold follows the bcrypt cost", arguments: [
        (4, 10), (10, 250), (11, 500), (12, 1000), (14, 4000),
    ])
    func defaultSlowHashThreshold(cost: Int, milliseconds: Int) {
        #expect(PatientAPIConfiguration.defaultSlowHashThreshold(cost: cost) == .milliseconds(milliseconds))
    }

    @Test func memorySpikeIsAcceptedAndBounded() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, api in
            let response = try await client.execute(
                uri: "/chaos/memory-spike?seconds=1&mb=64", method: .post,
                headers: [.init("X-Chaos-Token")!: "test-chaos-token"])
            #expect(response.status == .accepted)
            #expect(api.chaos.isRunning(.memorySpike))
            try await Task.sleep(for: .seconds(2))
            #expect(!api.chaos.isRunning(.memorySpike))
        }
    }
}
