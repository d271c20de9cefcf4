import AsyncHTTPClient
import CloudTestSupport
import Foundation
import Testing
@testable import AWSCore

/// Each link of the credential chain against real files and real loopback HTTP servers;
/// STS links against moto (`AWS_EMULATOR_URL`, started by scripts/test).
@Suite("AWS credential chain")
struct CredentialChainTests {
    /// An environment that turns off every ambient source on the machine running the tests.
    static func isolated(_ extra: [String: String] = [:], home: String = "/nonexistent-home") -> [String: String] {
        ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true", "AWS_REGION": "us-east-1"].merging(extra) { $1 }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("aws-creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let fakeJWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl"

    @Test("environment keys win over every later link")
    func environmentFirst() async throws {
        let dir = try Self.temporaryDirectory()
        try "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n"
            .write(to: dir.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        let env = Self.isolated(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
                                 "AWS_SHARED_CREDENTIALS_FILE": dir.appendingPathComponent("credentials").path])
        let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
        #expect(source == "environment")
        #expect(credentials == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
    }

    @Test("profiles: AWS_PROFILE picks the section; credentials file beats config; config uses [profile name]")
    func profiles() async throws {
        let dir = try Self.temporaryDirectory()
        try """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret
        [ops]
        aws_access_key_id=AKIDOPSCRED
        aws_secret_access_key = ops-secret-from-credentials
        """.write(to: dir.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
        [profile ops]
        aws_access_key_id = AKIDOPSCONFIG
        region = eu-west-3
        [profile onlyconfig]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = config-secret
        aws_session_token = config-token
        [ops2]
        aws_access_key_id = IGNORED-NO-PROFILE-PREFIX
        """.write(to: dir.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let files = ["AWS_SHARED_CREDENTIALS_FILE": dir.appendingPathComponent("credentials").path,
                     "AWS_CONFIG_FILE": dir.appendingPathComponent("config").path]
        let cases: [(String?, AWSCredentials?)] = [
            (nil, AWSCredentials(accessKeyId: "AKIDDEFAULT", secretAccessKey: "default-secret")),
            ("ops", AWSCredentials(accessKeyId: "AKIDOPSCRED", secretAccessKey: "ops-secret-from-credentials")),
            ("onlyconfig", AWSCredentials(accessKeyId: "AKIDCONFIG", secretAccessKey: "config-secret", sessionToken: "config-token")),
        ]
        for (profile, expected) in cases {
            var env = Self.isolated(files)
            env["AWS_PROFILE"] = profile
            let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
            #expect(source == "profile")
            #expect(credentials == expected, "profile \(profile ?? "default")")
        }
        #expect(AWSRegion.resolve(environment: files.merging(["AWS_PROFILE": "ops", "HOME": "/nonexistent"]) { $1 }) == "eu-west-3")
        var missing = Self.isolated(files)
        missing["AWS_PROFILE"] = "ops2"
        await #expect(throws: AWSError.self) { try await CredentialChain.standard(environment: missing).resolve() }
    }

    @Test("nothing configured: a clear CredentialsUnavailable error naming the links tried")
    func nothingConfigured() async throws {
        do {
            _ = try await CredentialChain.standard(environment: Self.isolated()).resolve()
            Issue.record("expected an error")
        } catch let error as AWSError {
            #expect(error.code == AWSError.credentialsUnavailable)
            #expect(error.message.contains("environment, profile, container, imds"))
        }
    }

    @Test("ECS container credentials: FULL_URI with the token file beating the token variable")
    func containerCredentials() async throws {
        let dir = try Self.temporaryDirectory()
        try "token-from-file\n".write(to: dir.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let answer = #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"container-secret","Token":"container-token","Expiration":"2030-01-01T00:00:00Z","RoleArn":"arn:aws:iam::123456789012:role/task"}"#
        try await LoopbackServer.run(handler: { request, _ in
            request.path == "/v2/credentials/abc" ? .json(answer) : CannedResponse(status: 404)
        }) { base, log in
            let env = Self.isolated([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(base)/v2/credentials/abc",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "token-from-env",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": dir.appendingPathComponent("token").path,
            ])
            let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
            #expect(source == "container")
            #expect(credentials.accessKeyId == "ASIACONTAINER")
            #expect(credentials.sessionToken == "container-token")
            #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_456_000))
            let requests = await log.requests
            #expect(requests.count == 1)
            #expect(requests.first?.header("Authorization") == "token-from-file")
        }
    }

    @Test("ECS FULL_URI over plain http to a non-agent host is refused")
    func containerRefusesRemoteHTTP() async throws {
        let source = ContainerCredentialSource(environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://attacker.example.com/creds"])
        await #expect(throws: AWSError.self) { try await source.resolve() }
    }

    @Test("IMDSv2: PUT a session token, then the role and its credentials with that token")
    func instanceMetadata() async throws {
        let credentialsJSON = #"{"Code":"Success","LastUpdated":"2026-11-27T17:00:00Z","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token","Expiration":"2031-01-01T00:00:00Z"}"#
        try await LoopbackServer.run(handler: { request, _ in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" ? CannedResponse(body: "imds-session") : CannedResponse(status: 400)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return request.header("X-aws-ec2-metadata-token") == "imds-session" ? CannedResponse(body: "doctor-role\n") : CannedResponse(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/doctor-role"):
                return request.header("X-aws-ec2-metadata-token") == "imds-session" ? .json(credentialsJSON) : CannedResponse(status: 401)
            default:
                return CannedResponse(status: 404)
            }
        }) { base, log in
            var env = Self.isolated(["AWS_EC2_METADATA_SERVICE_ENDPOINT": base + "/", "AWS_METADATA_SERVICE_TIMEOUT": "10"])
            env["AWS_EC2_METADATA_DISABLED"] = nil
            let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
            #expect(source == "imds")
            #expect(credentials == AWSCredentials(accessKeyId: "ASIAIMDS", secretAccessKey: "imds-secret", sessionToken: "imds-token",
                                                  expiration: Date(timeIntervalSince1970: 1_924_992_000)))
            #expect(await log.requests.map(\.method) == ["PUT", "GET", "GET"])
        }
    }

    @Test("IMDS not answering means 'not on EC2': the link gives way")
    func instanceMetadataAbsent() async throws {
        // A port that nothing listens on: bind, read the port, close.
        let port = LoopbackServer.unusedPort()
        let source = InstanceMetadataCredentialSource(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"])
        #expect(try await source.resolve() == nil)
    }

    @Test("web identity token file → STS AssumeRoleWithWebIdentity on moto")
    func webIdentityFile() async throws {
        let emulator = try ToolLocator.emulatorURL()
        let dir = try Self.temporaryDirectory()
        try Self.fakeJWT.write(to: dir.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        let env = Self.isolated([
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/doctor",
            "AWS_WEB_IDENTITY_TOKEN_FILE": dir.appendingPathComponent("token").path,
            "AWS_ROLE_SESSION_NAME": "chain-test",
            "AWS_ENDPOINT_URL_STS": emulator,
        ])
        let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
        #expect(source == "web-identity")
        #expect(credentials.accessKeyId.hasPrefix("ASIA"))
        #expect(credentials.sessionToken?.isEmpty == false)
        #expect(credentials.expiration != nil)
    }

    @Test("Cloud Run: AWS_ROLE_ARN without a token file → Google ID token from the metadata server → STS (moto)")
    func cloudRunWebIdentity() async throws {
        let emulator = try ToolLocator.emulatorURL()
        try await LoopbackServer.run(handler: { request, _ in
            guard request.header("Metadata-Flavor") == "Google",
                  request.path == "/computeMetadata/v1/instance/service-accounts/default/identity" else {
                return CannedResponse(status: 403)
            }
            return CannedResponse(headers: ["Metadata-Flavor": "Google"], body: Self.fakeJWT)
        }) { base, log in
            let env = Self.isolated([
                "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/doctor",
                "GCE_METADATA_HOST": String(base.dropFirst("http://".count)),
                "DOCTOR_AWS_AUDIENCE": "https://doctor.example/aws",
                "AWS_ENDPOINT_URL": emulator,
            ])
            let (credentials, source) = try await CredentialChain.standard(environment: env).resolve()
            #expect(source == "gcp-web-identity")
            #expect(!credentials.accessKeyId.isEmpty)
            let request = try #require(await log.requests.first)
            #expect(request.queryItems["audience"] == "https://doctor.example/aws")
            #expect(request.queryItems["format"] == "full")
        }
    }

    @Test("Cloud Run link gives way when no metadata server answers")
    func cloudRunAbsent() async throws {
        let port = LoopbackServer.unusedPort()
        let source = GoogleMetadataIdentityTokenSource(environment: ["GCE_METADATA_HOST": "127.0.0.1:\(port)"])
        #expect(try await source.token() == nil)
    }
}

@Suite("Credential cache")
struct CredentialCacheTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ value: Date) { self.value = value }
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value += seconds } }
    }

    @Test("fifty concurrent callers cause one fetch")
    func singleFlight() async throws {
        let cache = CachingCredentialProvider {
            try await Task.sleep(for: .milliseconds(100))
            return AWSCredentials(accessKeyId: "ASIA1", secretAccessKey: "s", sessionToken: "t", expiration: Date().addingTimeInterval(3600))
        }
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(keys.count == 50 && Set(keys) == ["ASIA1"])
        #expect(await cache.fetchCount == 1)
    }

    @Test("temporary credentials are refreshed inside the margin, not before")
    func refreshBeforeExpiry() async throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_000_000))
        let counter = Counter()
        let cache = CachingCredentialProvider(refreshMargin: 300, now: { clock.now }) {
            let n = await counter.next()
            return AWSCredentials(accessKeyId: "ASIA\(n)", secretAccessKey: "s", expiration: clock.now.addingTimeInterval(900))
        }
        #expect(try await cache.credentials().accessKeyId == "ASIA1")
        clock.advance(599)  // 301 s left: still outside the margin
        #expect(try await cache.credentials().accessKeyId == "ASIA1")
        clock.advance(2)  // 299 s left: refresh
        #expect(try await cache.credentials().accessKeyId == "ASIA2")
    }

    @Test("a failed refresh keeps still-valid credentials; expired ones are not used")
    func failedRefresh() async throws {
        let clock = Clock(Date(timeIntervalSince1970: 1_000_000))
        let counter = Counter()
        let cache = CachingCredentialProvider(refreshMargin: 300, now: { clock.now }) {
            if await counter.next() > 1 { throw AWSError(code: "Boom", message: "down") }
            return AWSCredentials(accessKeyId: "ASIAOLD", secretAccessKey: "s", expiration: clock.now.addingTimeInterval(600))
        }
        #expect(try await cache.credentials().accessKeyId == "ASIAOLD")
        clock.advance(400)
        #expect(try await cache.credentials().accessKeyId == "ASIAOLD")
        clock.advance(300)
        await #expect(throws: AWSError.self) { try await cache.credentials() }
    }

    actor Counter {
        var value = 0
        func next() -> Int { value += 1; return value }
    }
}
