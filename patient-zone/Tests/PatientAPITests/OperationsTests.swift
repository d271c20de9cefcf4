import Foundation
import Hummingbird
import HummingbirdTesting
import MySQL
import PatientAPI
import Testing

@Suite struct OperationsTests {
    @Test func healthzNeverTouchesTheDatabaseWhileReadyzAndDataRoutesReport503() async throws {
        var mysql = try TestAPI.baseMySQL()
        mysql.port = 9  // nothing listens there
        try await TestAPI.run(TestAPI.configuration(mysql: mysql)) { client, _ in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body) == #"{"status":"ok"}"#)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            #expect(String(buffer: ready.body) == #"{"status":"unavailable"}"#)
            let signup = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "a@example.com", "password": "12345678"]))
            #expect(signup.status == .serviceUnavailable)
            #expect(TestAPI.errorCode(signup) == "database_unavailable")
            let me = try await client.execute(
                uri: "/api/users/me", method: .get, headers: TestAPI.bearer(String(repeating: "A", count: 43)))
            #expect(me.status == .serviceUnavailable)
        }
    }

    @Test func readyzIsReadyWithTheDatabase() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body) == #"{"status":"ready"}"#)
        }
    }

    @Test func unknownRoutesAndMethodsAnswerInTheErrorShape() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let missing = try await client.execute(uri: "/nope", method: .get)
            #expect(missing.status == .notFound)
            #expect(TestAPI.errorCode(missing) == "not_found")
            let wrongMethod = try await client.execute(uri: "/api/auth/login", method: .get)
            #expect(wrongMethod.status == .methodNotAllowed || wrongMethod.status == .notFound)
            #expect(TestAPI.errorCode(wrongMethod) != nil)
        }
    }

    @Test func accessLogHasOneLinePerRequestWithRouteAndNoSecrets() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        let logs = LogCapture()
        let password = "very secret password"
        let token = try await TestAPI.run(configuration, logs: logs) { client, _ in
            var headers = TestAPI.jsonHeaders
            headers[.init("X-Request-Id")!] = "req-123"
            let response = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: headers,
                body: TestAPI.json(["email": "private.person@example.com", "password": password]))
            #expect(response.headers[.init("X-Request-Id")!] == "req-123")
            let token = TestAPI.object(response)["token"] as? String ?? ""
            _ = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            _ = try await client.execute(uri: "/chaos/db-timeout", method: .post)
            return token
        }
        let access = logs.lines.filter { $0.message == "request completed" }
        #expect(access.count == 3)
        let signup = try #require(access.first { $0.metadata["http.route"] == "/api/auth/signup" })
        #expect(signup.metadata["request.id"] == "req-123")
        #expect(signup.metadata["http.status"] == "201")
        #expect(signup.metadata["http.method"] == "POST")
        #expect(signup.metadata["latency_ms"] != nil)
        #expect(signup.metadata["user.id"] != nil)
        let chaos = try #require(access.first { $0.metadata["http.route"] == "/chaos/{scenario}" })
        #expect(chaos.metadata["http.status"] == "404")
        #expect(chaos.metadata["error.code"] == "not_found")
        for line in logs.lines {
            let text = line.message + line.metadata.values.joined(separator: " ")
            #expect(!text.contains(password))
            #expect(!text.contains(token))
            #expect(!text.contains("private.person"))
        }
    }

    @Test func metricsCountRequestsByRouteAndShowThePool() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/healthz", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.status == .ok)
            let text = String(buffer: metrics.body)
            #expect(text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 2"#))
            #expect(text.contains(#"http_request_duration_seconds_count{method="GET",route="/healthz"} 2"#))
            #expect(text.contains("mysql_pool_in_use"))
            #expect(text.contains("bcrypt_queue_depth"))
            #expect(text.contains("http_request_duration_seconds_bucket"))
        }
    }

    @Test(arguments: [nil, "", "has space", "has\"quote", String(repeating: "a", count: 129)])
    func requestsWithoutAUsableIdGetFreshDistinctUUIDShapedIds(incoming: String?) async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        let ids = try await TestAPI.run(configuration) { client, _ in
            var ids: [String] = []
            for _ in 0..<3 {
                var headers = HTTPFields()
                if let incoming { headers[.init("X-Request-Id")!] = incoming }
                let response = try await client.execute(uri: "/healthz", method: .get, headers: headers)
                ids.append(response.headers[.init("X-Request-Id")!] ?? "")
            }
            return ids
        }
        #expect(Set(ids).count == 3)
        for id in ids {
            #expect(id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil, "\(id)")
        }
    }

    @Test func successfulAnswersCarryTheBrowserHardeningHeaders() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'; script-src 'self'") == true)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
            #expect(response.headers[values: .contentSecurityPolicy].count == 1)
        }
    }
}
