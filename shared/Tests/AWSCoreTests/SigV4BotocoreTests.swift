import Foundation
import Testing
@testable import AWSCore

/// Signs the same requests with our signer and with botocore's `SigV4Auth` (fixed clock) and
/// compares the `Authorization` headers. Needs the project's `.venv-tools` (made by scripts/bootstrap).
@Suite("SigV4 agrees with botocore")
struct SigV4BotocoreTests {
    struct Case: Sendable {
        let name: String
        let method: String
        let host: String
        let path: String
        let query: [SigV4Request.QueryItem]
        let headers: [SigV4Request.Header]
        let body: String
        let region: String
        let service: String
        let token: String?
    }

    static let cases: [Case] = [
        Case(name: "CloudWatch Logs JSON 1.1 call", method: "POST", host: "logs.eu-west-1.amazonaws.com", path: "/", query: [],
             headers: [.init("Content-Type", "application/x-amz-json-1.1"), .init("X-Amz-Target", "Logs_20140328.FilterLogEvents")],
             body: #"{"logGroupName":"/ecs/patient-api","limit":100}"#, region: "eu-west-1", service: "logs", token: nil),
        Case(name: "STS query protocol with a session token", method: "POST", host: "sts.us-east-1.amazonaws.com", path: "/", query: [],
             headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
             body: "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdoctor",
             region: "us-east-1", service: "sts", token: "FAKE-SESSION-TOKEN/with+special=chars"),
        Case(name: "Bedrock model id with a colon (double-encoded path)", method: "POST", host: "bedrock-runtime.us-west-2.amazonaws.com",
             path: "/model/" + URIEncoding.encode("us.anthropic.claude-sonnet-4-20250514-v1:0") + "/invoke", query: [],
             headers: [.init("Content-Type", "application/json"), .init("Accept", "application/json")],
             body: #"{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[]}"#,
             region: "us-west-2", service: "bedrock", token: nil),
        Case(name: "GET with awkward query values", method: "GET", host: "example.amazonaws.com", path: "/a/b",
             query: [.init("b", "x y/z+1=2"), .init("a", "ሴ"), .init("a", "0"), .init("empty", "")],
             headers: [.init("X-Custom", "  spaced   value  ")], body: "", region: "ap-southeast-2", service: "service", token: nil),
    ]

    static let credentials = (access: "AKIDEXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("our Authorization header equals botocore's for every case")
    func matchesBotocore() throws {
        let python = try ToolLocator.venvPython()
        var input: [[String: Any]] = []
        var ours: [SigV4Result] = []
        for item in Self.cases {
            let request = SigV4Request(method: item.method, path: item.path, query: item.query,
                                       headers: [.init("Host", item.host)] + item.headers, body: Array(item.body.utf8))
            let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: Self.credentials.access, secretAccessKey: Self.credentials.secret,
                                                                 sessionToken: item.token),
                                     region: item.region, service: item.service)
            ours.append(signer.signHeaders(request, date: Self.date))
            input.append([
                "method": item.method, "url": "https://\(item.host)\(request.target)",
                "headers": item.headers.map { [$0.name, $0.value] }, "body": item.body,
                "region": item.region, "service": item.service, "access_key": Self.credentials.access,
                "secret_key": Self.credentials.secret, "token": item.token as Any? ?? NSNull(),
                "timestamp": SigV4Date(Self.date).dateTime,
            ])
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/botocore_sign.py")
        let output = try ToolLocator.run(python, [script.path], stdin: try JSONSerialization.data(withJSONObject: input))
        let answers = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: String]])
        try #require(answers.count == Self.cases.count)
        for (index, item) in Self.cases.enumerated() {
            #expect(ours[index].canonicalRequest == answers[index]["canonical_request"], "\(item.name)")
            #expect(ours[index].authorization == answers[index]["authorization"], "\(item.name)")
            #expect(ours[index].request.headerValues("X-Amz-Date").first == answers[index]["x_amz_date"], "\(item.name)")
        }
    }
}
