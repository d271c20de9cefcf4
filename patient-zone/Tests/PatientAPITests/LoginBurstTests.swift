import Foundation
import Hummingbird
import HummingbirdTesting
import PatientAPI
import Testing

/// bcrypt runs on its own bounded pool of threads: a burst of logins queues there, the ones that
/// wait too long get 503 `overloaded`, and `/healthz` keeps answering while hashes run.
@Suite struct LoginBurstTests {
    @Test func loginsBeyondTheHashingThreadsAreTurnedAwayAndHealthzAnswersMeanwhile() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.bcryptCost = 10  // one verification: ~300 ms in the debug build tests run, far above the queue timeout
        configuration.hashConcurrency = 1
        configuration.hashQueueTimeout = .milliseconds(50)
        let burst = 4
        try await TestAPI.run(configuration) { client, api in
            let (logins, healthz, depthAfterHealthz) = try await withThrowingTaskGroup(of: Answer.self) { group in
                for index in 0..<burst {
                    group.addTask {
                        // unknown emails: each still costs one full verification (timing-safe login)
                        let response = try await client.execute(
                            uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                            body: TestAPI.json(["email": "burst\(index)@example.com", "password": "correct horse"]))
                        return Answer(status: response.status, code: TestAPI.errorCode(response),
                                      retryAfter: response.headers[.retryAfter])
                    }
                }
                while api.hasher.queueDepth < 2 { try await Task.sleep(for: .milliseconds(2)) }
                let healthz = try await client.execute(uri: "/healthz", method: .get).status
                let depth = api.hasher.queueDepth
                var logins: [Answer] = []
                for try await login in group { logins.append(login) }
                return (logins, healthz, depth)
            }

            let refused = logins.filter { $0.status == .unauthorized }
            let turnedAway = logins.filter { $0.status == .serviceUnavailable }
            #expect(healthz == .ok)
            #expect(depthAfterHealthz >= 1, "/healthz answered only after the hashing was over")
            #expect(refused.count <= 1)  // one hashing thread
            #expect(turnedAway.count == burst - refused.count)
            #expect(turnedAway.allSatisfy { $0.code == "overloaded" && $0.retryAfter == "1" })
        }
    }

    struct Answer: Sendable {
        let status: HTTPResponse.Status
        let code: String?
        let retryAfter: String?
    }
}
