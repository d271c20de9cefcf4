import Foundation
import Testing
@testable import AWSCore

/// One case of the published AWS SigV4 test suite (awslabs/aws-c-auth, Apache-2.0; see
/// Fixtures/aws-sigv4/LICENSE and NOTICE), read from its folder.
struct SigV4SuiteCase: CustomTestStringConvertible, Sendable {
    let name: String
    let folder: URL

    var testDescription: String { name }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/aws-sigv4/v4")

    static func all() -> [SigV4SuiteCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().map { SigV4SuiteCase(name: $0, folder: root.appendingPathComponent($0)) }
    }

    func text(_ file: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    struct Context: Decodable {
        struct Credentials: Decodable {
            let access_key_id: String
            let secret_access_key: String
            let token: String?
        }
        let credentials: Credentials
        let expiration_in_seconds: Int
        let normalize: Bool
        let region: String
        let service: String
        let sign_body: Bool
        let timestamp: String
        let omit_session_token: Bool?
    }

    func context() throws -> Context {
        try JSONDecoder().decode(Context.self, from: Data(try text("context.json").utf8))
    }

    /// Parses `request.txt`: request line, headers (folded continuation lines joined), blank line, body.
    func request() throws -> SigV4Request {
        let raw = try text("request.txt")
        var lines = raw.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        let method = String(requestLine.first ?? "")
        let target = requestLine.dropFirst().dropLast().joined(separator: " ")
        var headers: [SigV4Request.Header] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody { bodyLines.append(line); continue }
            if line.isEmpty { inBody = true; continue }
            if line.first == " " || line.first == "\t", var last = headers.popLast() {
                last.value += " " + line.trimmingCharacters(in: .whitespaces)
                headers.append(last)
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            headers.append(.init(String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
        }
        let (path, queryText) = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            .map(String.init).splitFirst()
        var query: [SigV4Request.QueryItem] = []
        if let queryText, !queryText.isEmpty {
            for pair in queryText.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(.init(URIEncoding.decode(String(kv[0])), kv.count > 1 ? URIEncoding.decode(String(kv[1])) : ""))
            }
        }
        return SigV4Request(method: method, path: path, query: query, headers: headers,
                            body: Array(bodyLines.joined(separator: "\n").utf8))
    }
}

private extension Array where Element == String {
    func splitFirst() -> (String, String?) { (self.first ?? "", count > 1 ? self[1] : nil) }
}

@Suite("SigV4 against the published AWS test suite")
struct SigV4TestSuiteTests {
    static let cases = SigV4SuiteCase.all()

    @Test("the fixture folder holds the whole suite and its licence")
    func suiteIsPresent() throws {
        #expect(Self.cases.count == 38)
        let license = try String(contentsOf: SigV4SuiteCase.root.deletingLastPathComponent().appendingPathComponent("LICENSE"), encoding: .utf8)
        #expect(license.contains("Apache License"))
    }

    private func signer(_ context: SigV4SuiteCase.Context) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(accessKeyId: context.credentials.access_key_id,
                                        secretAccessKey: context.credentials.secret_access_key,
                                        sessionToken: context.credentials.token),
            region: context.region, service: context.service)
    }

    private func options(_ context: SigV4SuiteCase.Context) -> SigV4Options {
        SigV4Options(normalizePath: context.normalize, addContentSHA256Header: context.sign_body,
                     omitSessionTokenFromSignature: context.omit_session_token ?? false)
    }

    @Test("header signing matches canonical request, string to sign, signature and Authorization", arguments: cases)
    func headerSigning(_ testCase: SigV4SuiteCase) throws {
        let context = try testCase.context()
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        let result = signer(context).signHeaders(try testCase.request(), date: date, options: options(context))
        #expect(result.canonicalRequest == (try testCase.text("header-canonical-request.txt")))
        #expect(result.stringToSign == (try testCase.text("header-string-to-sign.txt")))
        #expect(result.signature == (try testCase.text("header-signature.txt")))
        let signed = try testCase.text("header-signed-request.txt")
        let expectedAuthorization = signed.components(separatedBy: "\n")
            .first { $0.hasPrefix("Authorization:") }.map { String($0.dropFirst("Authorization:".count)) }
        #expect(result.authorization == expectedAuthorization)
        let expectedToken = signed.components(separatedBy: "\n").first { $0.hasPrefix("X-Amz-Security-Token:") }
            .map { String($0.dropFirst("X-Amz-Security-Token:".count)) }
        #expect(result.request.headerValues("X-Amz-Security-Token").first == expectedToken)
    }

    @Test("query presigning matches canonical request, string to sign, signature and signed URL", arguments: cases)
    func queryPresigning(_ testCase: SigV4SuiteCase) throws {
        let context = try testCase.context()
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        var opts = options(context)
        opts.addContentSHA256Header = false
        let result = signer(context).presign(try testCase.request(), date: date, expires: context.expiration_in_seconds, options: opts)
        #expect(result.canonicalRequest == (try testCase.text("query-canonical-request.txt")))
        #expect(result.stringToSign == (try testCase.text("query-string-to-sign.txt")))
        #expect(result.signature == (try testCase.text("query-signature.txt")))
        // The signed URL's query parameters, as a set (their order on the wire is free).
        let requestLine = try testCase.text("query-signed-request.txt").components(separatedBy: "\n")[0]
        let target = requestLine.split(separator: " ").dropFirst().dropLast().joined(separator: " ")
        let expected = Set((target.split(separator: "?", maxSplits: 1).dropFirst().first ?? "")
            .split(separator: "&").map { URIEncoding.decode(String($0)) })
        let actual = Set(result.request.encodedQuery.split(separator: "&").map { URIEncoding.decode(String($0)) })
        #expect(actual == expected)
    }
}
