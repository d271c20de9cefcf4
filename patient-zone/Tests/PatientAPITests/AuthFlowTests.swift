import Foundation
import Hummingbird
import HummingbirdTesting
import PatientAPI
import Testing

@Suite struct AuthFlowTests {
    @Test func signupMeLogoutAndTheRevokedTokenIsRefused() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let signup = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "  Ada@Example.COM ", "password": "correct horse", "unknown": 1]))
            #expect(signup.status == .created)
            let body = TestAPI.object(signup)
            let user = try #require(body["user"] as? [String: Any])
            let token = try #require(body["token"] as? String)
            #expect(Set(user.keys) == ["id", "email", "name", "createdAt"])
            #expect(user["email"] as? String == "ada@example.com")
            #expect(user["name"] is NSNull)
            #expect((user["createdAt"] as? String)?.hasSuffix("Z") == true)
            #expect(token.count == 43)

            let me = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(me.status == .ok)
            #expect(TestAPI.object(me)["email"] as? String == "ada@example.com")
            #expect(TestAPI.object(me)["id"] as? Int == user["id"] as? Int)

            let logout = try await client.execute(uri: "/api/auth/logout", method: .post, headers: TestAPI.bearer(token))
            #expect(logout.status == .noContent)
            let after = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(after.status == .unauthorized)
            #expect(TestAPI.errorCode(after) == "unauthorized")
            let again = try await client.execute(uri: "/api/auth/logout", method: .post, headers: TestAPI.bearer(token))
            #expect(again.status == .unauthorized)

            let login = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "ADA@example.com", "password": "correct horse"]))
            #expect(login.status == .ok)
            let fresh = try #require(TestAPI.object(login)["token"] as? String)
            #expect(fresh != token)
            let meAgain = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(fresh))
            #expect(meAgain.status == .ok)
        }
    }

    @Test func signupWithANameReturnsIt() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let response = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "grace@example.com", "password": "12345678", "name": " Grace Hopper "]))
            #expect(response.status == .created)
            #expect((TestAPI.object(response)["user"] as? [String: Any])?["name"] as? String == "Grace Hopper")
        }
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswer() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            _ = try await TestAPI.signup(client, email: "known@example.com")
            let wrong = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "known@example.com", "password": "wrong password"]))
            let unknown = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "nobody@example.com", "password": "wrong password"]))
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(TestAPI.errorCode(wrong) == "invalid_credentials")
            #expect(Data(buffer: wrong.body) == Data(buffer: unknown.body))
        }
    }

    @Test func duplicateEmailInAnyCaseIsAConflict() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            _ = try await TestAPI.signup(client, email: "dup@example.com")
            let second = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "DUP@Example.com", "password": "another password"]))
            #expect(second.status == .conflict)
            #expect(TestAPI.errorCode(second) == "email_taken")
        }
    }

    @Test func fiftyConcurrentSignupsWithOneEmailGiveOneCreatedAndFortyNineConflicts() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.mysql.poolSize = 10
        let statuses = try await TestAPI.run(configuration) { client, api in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(
                            uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                            body: TestAPI.json(["email": "race@example.com", "password": "same password"]))
                        return Int(response.status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let rows = try await api.pool.withConnection {
                try $0.query("SELECT COUNT(*) AS c FROM users WHERE email = ?", ["race@example.com"])[0].decode("c", as: Int.self)
            }
            #expect(rows == 1)
            return statuses
        }
        #expect(statuses.filter { $0 == 201 }.count == 1)
        #expect(statuses.filter { $0 == 409 }.count == 49)
    }

    @Test(arguments: [
        "", "Bearer", "Bearer short", "Basic dXNlcjpwYXNz",
        "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "Bearer ' OR 1=1 -- AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ])
    func meWithoutAValidTokenIsUnauthorized(authorization: String) async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            let headers: HTTPFields = authorization.isEmpty ? [:] : [.authorization: authorization]
            let response = try await client.execute(uri: "/api/users/me", method: .get, headers: headers)
            #expect(response.status == .unauthorized)
            #expect(TestAPI.errorCode(response) == "unauthorized")
        }
    }
}
