import CloudTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import MySQL
import PatientAPI
import Testing

@Suite struct DatabaseOutageTests {
    @Test func mysqlStoppedMidTestGives503ThenTheAPIRecoversWithoutRestart() async throws {
        _ = try TestAPI.baseMySQL()  // same requirement as every MySQL test: run through scripts/test
        try await OwnMariaDB.with { database, url in try await Self.outageAndRecovery(database, url: url) }
    }

    static func outageAndRecovery(_ database: OwnMariaDB, url: String) async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase(base: try MySQLConfiguration(url: url)))
        configuration.mysql.acquireTimeout = .seconds(2)
        try await TestAPI.run(configuration) { client, _ in
            let (_, token) = try await TestAPI.signup(client, email: "outage@example.com")
            let before = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(before.status == .ok)

            await database.stop()
            for _ in 0..<3 {
                let down = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
                #expect(down.status == .serviceUnavailable)
                #expect(TestAPI.errorCode(down) == "database_unavailable")
            }
            let login = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "outage@example.com", "password": "correct horse"]))
            #expect(login.status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .serviceUnavailable)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            _ = try await database.start()
            var recovered = false
            for _ in 0..<60 {
                let response = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
                if response.status == .ok { recovered = true; break }
                #expect(response.status == .serviceUnavailable)
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(recovered)
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
        }
    }
}
