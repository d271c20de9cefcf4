import PatientAPI
import Testing

struct SessionTokenTests {
    static let token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_Z"  // 43 base64url characters

    @Test(arguments: [
        ("Bearer \(token)", token),
        ("bearer \(token)", token),
        ("BEARER \(token)", token),
        ("Bearer  \(token)", token),
        ("Bearer \(token) ", token),
        ("  Bearer \(token)", token),
        ("Basic \(token)", nil),
        ("Bearer \(token.dropLast())", nil),
        ("Bearer \(token)A", nil),
        ("Bearer \(token.dropLast())+", nil),
        ("Bearer \(token.dropLast())=", nil),
        ("Bearer\t\(token)", nil),
        ("Bearer", nil),
        ("", nil),
    ] as [(String, String?)])
    func bearerAcceptsOnlyTheSchemeAndAWellFormedToken(header: String, expected: String?) {
        #expect(SessionToken.bearer(from: header) == expected)
    }

    @Test func missingHeaderHasNoToken() {
        #expect(SessionToken.bearer(from: nil) == nil)
    }

    @Test func generatedTokensAreDistinctAndWellFormed() {
        let tokens = (0..<50).map { _ in SessionToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(SessionToken.bearer(from: "Bearer \(token)") == token)
        }
    }
}
