import Foundation
import Hummingbird
import HummingbirdTesting
import PatientAPI
import Testing

@Suite struct ValidationTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let body: [UInt8]
        var contentType = "application/json"
        let status: Int
        let code: String
        var field: String?
        var description: String { name }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let cases: [Case] = [
        Case(name: "not JSON", body: bytes("{email:"), status: 400, code: "invalid_request"),
        Case(name: "array body", body: bytes("[1,2]"), status: 400, code: "invalid_request"),
        Case(name: "missing password", body: bytes(#"{"email":"a@example.com"}"#), status: 400, code: "invalid_request", field: "password"),
        Case(name: "email is a number", body: bytes(#"{"email":5,"password":"12345678"}"#), status: 400, code: "invalid_request", field: "email"),
        Case(name: "password null", body: bytes(#"{"email":"a@example.com","password":null}"#), status: 400, code: "invalid_request", field: "password"),
        Case(name: "name is an object", body: bytes(#"{"email":"a@example.com","password":"12345678","name":{}}"#), status: 400, code: "invalid_request", field: "name"),
        Case(name: "bad email", body: bytes(#"{"email":"not-an-email","password":"12345678"}"#), status: 400, code: "invalid_request", field: "email"),
        Case(name: "sql in email", body: bytes(#"{"email":"x' OR '1'='1@example.com","password":"12345678"}"#), status: 400, code: "invalid_request", field: "email"),
        Case(name: "short password", body: bytes(#"{"email":"a@example.com","password":"1234567"}"#), status: 400, code: "invalid_request", field: "password"),
        Case(name: "73-byte password", body: bytes(#"{"email":"a@example.com","password":"\#(String(repeating: "a", count: 73))"}"#), status: 400, code: "invalid_request", field: "password"),
        Case(name: "72 bytes of é is 36 chars but 72 bytes, 37 is too long", body: bytes(#"{"email":"a@example.com","password":"\#(String(repeating: "é", count: 37))"}"#), status: 400, code: "invalid_request", field: "password"),
        Case(name: "name too long", body: bytes(#"{"email":"a@example.com","password":"12345678","name":"\#(String(repeating: "n", count: 101))"}"#), status: 400, code: "invalid_request", field: "name"),
        Case(name: "control character in name", body: bytes(#"{"email":"a@example.com","password":"12345678","name":"a\u0007b"}"#), status: 400, code: "invalid_request", field: "name"),
        Case(name: "non-UTF-8 bytes", body: bytes(#"{"email":"a@example.com","password":""#) + [0xC3, 0x28, 0xFF] + bytes(#"12345678"}"#), status: 400, code: "invalid_request"),
        Case(name: "text/plain", body: bytes(#"{"email":"a@example.com","password":"12345678"}"#), contentType: "text/plain", status: 415, code: "unsupported_media_type"),
        Case(name: "form", body: bytes("email=a&password=b"), contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type"),
        Case(name: "latin-1 JSON", body: bytes(#"{"email":"a@example.com","password":"12345678"}"#), contentType: "application/json; charset=iso-8859-1", status: 415, code: "unsupported_media_type"),
        Case(name: "over 64 KiB", body: bytes(#"{"email":"a@example.com","password":"12345678","name":""# + String(repeating: "x", count: 70_000) + #""}"#), status: 413, code: "payload_too_large"),
    ]

    @Test(arguments: cases)
    func hostileSignupBodiesAreRefusedAndStoreNothing(_ testCase: Case) async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, api in
            let response = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: [.contentType: testCase.contentType],
                body: ByteBuffer(bytes: testCase.body))
            #expect(Int(response.status.code) == testCase.status)
            #expect(TestAPI.errorCode(response) == testCase.code)
            let error = TestAPI.object(response)["error"] as? [String: Any]
            #expect(error?["message"] is String)
            if let field = testCase.field { #expect(error?["field"] as? String == field) }
            let users = try await api.pool.withConnection {
                try $0.query("SELECT COUNT(*) AS c FROM users")[0].decode("c", as: Int.self)
            }
            #expect(users == 0)
        }
    }

    @Test func sqlMetacharactersInANameAreStoredVerbatimAndTheSchemaSurvives() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        let name = "Robert'); DROP TABLE users;-- \" \\ %"
        try await TestAPI.run(configuration) { client, api in
            let response = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: TestAPI.jsonHeaders,
                body: TestAPI.json(["email": "bobby@example.com", "password": "tables!!", "name": name]))
            #expect(response.status == .created)
            let token = try #require(TestAPI.object(response)["token"] as? String)
            let me = try await client.execute(uri: "/api/users/me", method: .get, headers: TestAPI.bearer(token))
            #expect(TestAPI.object(me)["name"] as? String == name)
            let tables = try await api.pool.withConnection {
                try $0.query("SELECT COUNT(*) AS c FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('users','sessions')")[0].decode("c", as: Int.self)
            }
            #expect(tables == 2)
        }
    }

    @Test func loginRefusesMalformedInputWith400() async throws {
        let configuration = TestAPI.configuration(mysql: try await TestAPI.freshDatabase())
        try await TestAPI.run(configuration) { client, _ in
            for body in [#"{"email":"x","password":"12345678"}"#, #"{"email":"a@example.com","password":""}"#, "nope"] {
                let response = try await client.execute(
                    uri: "/api/auth/login", method: .post, headers: TestAPI.jsonHeaders, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest)
                #expect(TestAPI.errorCode(response) == "invalid_request")
            }
        }
    }

    @Test(arguments: [
        ("a@example.com", true), ("first.last+tag@sub.example.co", true), ("UPPER@EXAMPLE.COM", true),
        ("a@b", false), ("a@@example.com", false), (".a@example.com", false), ("a..b@example.com", false),
        ("a@-example.com", false), ("a@example.c0m", true), ("a@example.123", false), ("a b@example.com", false),
        ("é@example.com", false), (String(repeating: "a", count: 65) + "@example.com", false),
    ])
    func emailSyntax(email: String, valid: Bool) {
        #expect(((try? Validation.email(email)) != nil) == valid)
    }
}
