import CloudTestSupport
import Foundation
import Testing
@testable import AWSCore

@Suite("AWS client: endpoints, retries, errors")
struct AWSClientRetryTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "fake-test-secret"))

    static func client(_ base: String, maxAttempts: Int = 3, timeout: Duration = .seconds(5), quota: RetryQuota = RetryQuota(),
                       extraCodes: Set<String> = []) -> AWSClient {
        AWSClient(service: .cloudWatchLogs, region: "eu-west-1", endpoint: AWSEndpoint(url: base)!, credentials: credentials,
                  retryPolicy: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(5), maxBackoff: .milliseconds(20)),
                  quota: quota, classifier: RetryClassifier(extraRetryableCodes: extraCodes), timeout: timeout)
    }

    @Test("endpoint: service-specific variable beats AWS_ENDPOINT_URL beats the regional default", arguments: [
        ([String: String](), "https://logs.eu-west-1.amazonaws.com"),
        (["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"], "http://127.0.0.1:4566"),
        (["AWS_ENDPOINT_URL": "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://localhost:9000/base/"], "http://localhost:9000/base"),
        (["AWS_ENDPOINT_URL_STS": "http://127.0.0.1:1"], "https://logs.eu-west-1.amazonaws.com"),
    ])
    func endpointResolution(_ environment: [String: String], _ expected: String) throws {
        #expect(try EndpointResolver(environment: environment).resolve(.cloudWatchLogs, region: "eu-west-1").description == expected)
    }

    @Test("service env var names follow the SDK service ids")
    func endpointVariableNames() {
        #expect(AWSService.cloudWatchLogs.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
        #expect(AWSService.bedrockRuntime.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_BEDROCK_RUNTIME")
        #expect(AWSService.sts.endpointEnvironmentVariable == "AWS_ENDPOINT_URL_STS")
    }

    @Test("an override that is not an http(s) URL is an error, not a silent default")
    func invalidOverride() {
        #expect(throws: EndpointResolver.Failure.self) {
            try EndpointResolver(environment: ["AWS_ENDPOINT_URL": "ftp://nope"]).resolve(.sts, region: "us-east-1")
        }
    }

    @Test("backoff is capped exponential with full jitter")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1), maxBackoff: .seconds(20))
        #expect(policy.delay(beforeRetry: 1, random: 0.999_999) < .seconds(1))
        #expect(policy.delay(beforeRetry: 1, random: 0.5) == .milliseconds(500))
        #expect(policy.delay(beforeRetry: 3, random: 0.5) == .seconds(2))
        #expect(policy.delay(beforeRetry: 10, random: 0.5) == .seconds(10))  // capped at 20 s, half of it
        #expect(policy.delay(beforeRetry: 4, random: 0) == .zero)
    }

    @Test("the retry quota runs out: 500 tokens are 100 retries or 50 timeout retries")
    func quota() async {
        let quota = RetryQuota()
        var granted = 0
        while await quota.acquire(for: .throttling) != nil { granted += 1 }
        #expect(granted == 100)
        await quota.release(nil)
        #expect(await quota.available == 1)
        let timeouts = RetryQuota()
        var timeoutGrants = 0
        while await timeouts.acquire(for: .timeout) != nil { timeoutGrants += 1 }
        #expect(timeoutGrants == 50)
    }

    @Test("throttling is retried and then succeeds; the request is signed every attempt")
    func throttlingThenSuccess() async throws {
        try await LoopbackServer.run(handler: { _, index in
            index <= 2 ? .json(#"{"__type":"com.amazonaws.logs#ThrottlingException","message":"Rate exceeded"}"#, status: 400) : .json("{}")
        }) { base, log in
            _ = try await Self.client(base).jsonCall(target: "Logs_20140328.DescribeLogGroups", body: Array("{}".utf8))
            let requests = await log.requests
            #expect(requests.count == 3)
            let dates = requests.compactMap { $0.header("X-Amz-Date") }
            #expect(dates.count == 3)
            #expect(requests.allSatisfy { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/") == true })
            #expect(requests.allSatisfy { $0.header("X-Amz-Target") == "Logs_20140328.DescribeLogGroups" })
            #expect(requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.1" })
        }
    }

    @Test("what is not retryable fails at once with the service's code", arguments: [
        (400, #"{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}"#, "ResourceNotFoundException"),
        (400, #"{"__type":"InvalidParameterException","message":"bad"}"#, "InvalidParameterException"),
        (403, #"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no &amp; never</Message></Error></ErrorResponse>"#, "AccessDenied"),
    ])
    func notRetried(_ status: Int, _ body: String, _ code: String) async throws {
        try await LoopbackServer.run(handler: { _, _ in CannedResponse(status: status, body: body) }) { base, log in
            do {
                _ = try await Self.client(base).jsonCall(target: "Logs_20140328.X", body: [])
                Issue.record("expected an error")
            } catch let error as AWSError {
                #expect(error.code == code)
                #expect(error.status == status)
                #expect(error.attempts == 1)
            }
            #expect(await log.count == 1)
        }
    }

    @Test("5xx is retried up to the attempt limit, then reported with the attempt count")
    func serverErrorsExhaust() async throws {
        try await LoopbackServer.run(handler: { _, _ in CannedResponse(status: 503, body: "") }) { base, log in
            do {
                _ = try await Self.client(base, maxAttempts: 4).jsonCall(target: "Logs_20140328.X", body: [])
                Issue.record("expected an error")
            } catch let error as AWSError {
                #expect(error.code == "HTTP503")
                #expect(error.attempts == 4)
            }
            #expect(await log.count == 4)
        }
    }

    @Test("a slow answer hits the per-call timeout and is retried")
    func timeoutRetried() async throws {
        try await LoopbackServer.run(handler: { _, index in
            index == 1 ? CannedResponse(status: 200, body: "{}", delay: .seconds(6)) : .json(#"{"ok":true}"#)
        }) { base, log in
            let body = try await Self.client(base, timeout: .milliseconds(1500)).jsonCall(target: "Logs_20140328.X", body: [])
            #expect(String(decoding: body, as: UTF8.self) == #"{"ok":true}"#)
            #expect(await log.count == 2)
        }
    }

    @Test("an empty retry quota stops retrying")
    func quotaStopsRetries() async throws {
        let quota = RetryQuota(capacity: 5)
        try await LoopbackServer.run(handler: { _, _ in CannedResponse(status: 500) }) { base, log in
            await #expect(throws: AWSError.self) { try await Self.client(base, maxAttempts: 5, quota: quota).jsonCall(target: "T.X", body: []) }
            #expect(await log.count == 2)  // one retry paid with the 5 tokens, then none left
        }
    }

    /// AsyncHTTPClient keeps retrying a refused connection until its connect timeout, so a refused port
    /// surfaces as our per-attempt timeout or a network error; either way a transport failure, retried.
    @Test("an unreachable endpoint is a transport error (Timeout or NetworkError) after the retries")
    func connectionRefused() async throws {
        let port = LoopbackServer.unusedPort()
        do {
            _ = try await Self.client("http://127.0.0.1:\(port)", maxAttempts: 2, timeout: .milliseconds(400)).jsonCall(target: "T.X", body: [])
            Issue.record("expected an error")
        } catch let error as AWSError {
            #expect([AWSError.network, AWSError.timeout].contains(error.code))
            #expect(error.attempts == 2)
        }
    }

    @Test("STS answers are read from XML with entities decoded")
    func stsXML() throws {
        let xml = """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>sub</SubjectFromWebIdentityToken>
            <Credentials>
              <SessionToken>tok&amp;en</SessionToken>
              <SecretAccessKey>sec&lt;ret</SecretAccessKey>
              <Expiration>2030-01-01T00:00:00Z</Expiration>
              <AccessKeyId>ASIAXML</AccessKeyId>
            </Credentials>
          </AssumeRoleWithWebIdentityResult>
        </AssumeRoleWithWebIdentityResponse>
        """
        let credentials = try STSClient.parseCredentials(xml)
        #expect(credentials == AWSCredentials(accessKeyId: "ASIAXML", secretAccessKey: "sec<ret", sessionToken: "tok&en",
                                              expiration: Date(timeIntervalSince1970: 1_893_456_000)))
        #expect(throws: AWSError.self) { try STSClient.parseCredentials("<Error><Code>x</Code></Error>") }
    }

    @Test("credentials never print their secret or token")
    func redactedDescription() {
        let text = "\(AWSCredentials(accessKeyId: "AKID", secretAccessKey: "TOPSECRET", sessionToken: "TOKENVALUE"))"
        #expect(!text.contains("TOPSECRET") && !text.contains("TOKENVALUE") && text.contains("AKID"))
    }
}
