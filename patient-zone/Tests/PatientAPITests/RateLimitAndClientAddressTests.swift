import Foundation
import Hummingbird
import HummingbirdTesting
import PatientAPI
import Testing

@Suite struct RateLimitAndClientAddressTests {
    @Test func failedLoginsForOneEmailAreThrottledWithRetryAfter() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.loginFailuresPerEmail = 3
        try await TestAPI.run(configuration) { client, _ in
            _ = try await TestAPI.signup(client, email: "target@example.com")
            var statuses: [Int] = []
            for _ in 0..<4 {
                let response = try await client.execute(
                    uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                    body: TestAPI.json(["email": "target@example.com", "password": "guess guess"]))
                statuses.append(Int(response.status.code))
                if response.status == .tooManyRequests {
                    #expect(TestAPI.errorCode(response) == "rate_limited")
                    #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
                }
            }
            #expect(statuses == [401, 401, 401, 429])
            // The right password is refused too while the email is throttled.
            let right = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "target@example.com", "password": "correct horse"]))
            #expect(right.status == .tooManyRequests)
        }
    }

    @Test func attemptsFromOneClientAreThrottledAcrossEmails() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.loginAttemptsPerIP = 2
        try await TestAPI.run(configuration) { client, _ in
            var statuses: [Int] = []
            for index in 0..<3 {
                let response = try await client.execute(
                    uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                    body: TestAPI.json(["email": "user\(index)@example.com", "password": "guess guess"]))
                statuses.append(Int(response.status.code))
            }
            #expect(statuses == [401, 401, 429])
        }
    }

    @Test func forgedForwardedForFromAnUntrustedPeerDoesNotDodgeTheLimit() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.loginAttemptsPerIP = 2
        try await TestAPI.run(configuration) { client, _ in
            var statuses: [Int] = []
            for index in 0..<3 {
                var headers = TestAPI.jsonHeaders
                headers[.init("X-Forwarded-For")!] = "203.0.113.\(index)"
                let response = try await client.execute(
                    uri: "/api/auth/login", method: .post, headers: headers,
                    body: TestAPI.json(["email": "someone@example.com", "password": "guess guess"]))
                statuses.append(Int(response.status.code))
            }
            #expect(statuses.last == 429)
        }
    }

    @Test(arguments: [
        // peer, X-Forwarded-For, trusted proxies, expected client
        ("203.0.113.9", ["1.2.3.4"], [String](), "203.0.113.9"),
        ("10.0.1.5", ["198.51.100.7"], ["10.0.0.0/16"], "198.51.100.7"),
        ("10.0.1.5", ["6.6.6.6, 198.51.100.7, 10.0.2.2"], ["10.0.0.0/16"], "198.51.100.7"),
        ("10.0.1.5", ["garbage"], ["10.0.0.0/16"], "10.0.1.5"),
        ("192.168.1.1", ["198.51.100.7"], ["10.0.0.0/8"], "192.168.1.1"),
        ("fd00::1", ["2001:db8::7"], ["fd00::/8"], "2001:db8::7"),
    ])
    func clientAddressTrustsForwardedForOnlyFromConfiguredProxies(
        peer: String, forwarded: [String], trusted: [String], expected: String
    ) {
        let resolver = ClientAddressResolver(trustedProxies: trusted.compactMap(IPNetwork.init))
        #expect(resolver.clientAddress(peer: peer, forwardedFor: forwarded) == expected)
    }

    @Test func addressWindowsEnd() {
        let limiter = LoginRateLimiter(attemptsPerIP: 2, ipWindow: .seconds(60))
        let start = ContinuousClock.now
        #expect(limiter.admit(ip: "1.1.1.1", now: start) == nil)
        #expect(limiter.admit(ip: "1.1.1.1", now: start) == nil)
        #expect(limiter.admit(ip: "1.1.1.1", now: start + .seconds(1)) == 59)
        #expect(limiter.admit(ip: "2.2.2.2", now: start) == nil)
        #expect(limiter.admit(ip: "1.1.1.1", now: start + .seconds(61)) == nil)
    }

    @Test("failed logins for one email are counted across instances sharing the database")
    func emailLimitIsSharedByInstances() async throws {
        var configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        configuration.loginFailuresPerEmail = 4
        @Sendable func login(_ client: any TestClientProtocol, _ password: String) async throws -> Int {
            let response = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "shared@example.com", "password": password]))
            return Int(response.status.code)
        }
        let shared = configuration
        try await TestAPI.run(shared) { first, _ in
            try await TestAPI.run(shared) { second, _ in
                _ = try await TestAPI.signup(first, email: "shared@example.com")
                // success clears the count: 3 failures, a success, then 4 more failures spread over both
                for client in [first, second, first] { #expect(try await login(client, "guess guess") == 401) }
                #expect(try await login(second, "correct horse") == 200)
                var statuses: [Int] = []
                for client in [first, second, first, second, first, second] { statuses.append(try await login(client, "guess guess")) }
                #expect(statuses == [401, 401, 401, 401, 429, 429])
                #expect(try await login(first, "correct horse") == 429)
            }
        }
    }
}
