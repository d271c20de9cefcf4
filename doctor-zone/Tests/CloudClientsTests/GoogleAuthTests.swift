import CloudTestSupport
import Foundation
import Testing
import _CryptoExtras
@testable import CloudClients

@Suite("Google auth")
struct GoogleAuthTests {
    @Test("service-account key: an RS256 JWT-bearer assertion the token endpoint can verify; the token is cached")
    func serviceAccountFlow() async throws {
        let holder = KeyHolder()
        try await LoopbackServer.run(handler: { request, _ in
            let form = request.queryItemsFromForm
            guard request.path == "/token", form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer",
                  let assertion = form["assertion"], await holder.verify(assertion) else {
                return .json(#"{"error":"invalid_grant"}"#, status: 400)
            }
            return .json(#"{"access_token":"ya29.fake-access-token","expires_in":3599,"token_type":"Bearer"}"#)
        }) { base, log in
            let (path, publicKey) = try Fakes.serviceAccountKey(tokenURI: "\(base)/token")
            await holder.set(publicKey, audience: "\(base)/token")
            let provider = try GoogleAccessTokenProvider.fromEnvironment(["GOOGLE_APPLICATION_CREDENTIALS": path])
            #expect(try await provider.token() == "ya29.fake-access-token")
            #expect(try await provider.token() == "ya29.fake-access-token")
            #expect(await provider.fetchCount == 1)
            #expect(await log.count == 1)
        }
    }

    @Test("metadata server: Metadata-Flavor: Google is sent and required")
    func metadataServer() async throws {
        try await LoopbackServer.run(handler: { request, _ in
            guard request.header("Metadata-Flavor") == "Google",
                  request.path == "/computeMetadata/v1/instance/service-accounts/default/token" else { return CannedResponse(status: 403) }
            return CannedResponse(status: 200, headers: ["Metadata-Flavor": "Google", "Content-Type": "application/json"],
                                  body: #"{"access_token":"ya29.from-metadata","expires_in":3000,"token_type":"Bearer"}"#)
        }) { base, _ in
            let provider = try GoogleAccessTokenProvider.fromEnvironment(["GCE_METADATA_HOST": String(base.dropFirst("http://".count))])
            #expect(try await provider.token() == "ya29.from-metadata")
        }
    }

    @Test("a key file that is not a service-account key is a clear error that quotes nothing from it")
    func badKeyFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).json").path
        try #"{"type":"authorized_user","client_secret":"do-not-echo"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try GoogleAccessTokenProvider.fromEnvironment(["GOOGLE_APPLICATION_CREDENTIALS": path])
            Issue.record("expected an error")
        } catch let error as CloudClientError {
            #expect(error.code == CloudClientError.authUnavailable)
            #expect(!error.description.contains("do-not-echo"))
        }
    }

    actor KeyHolder {
        var key: _RSA.Signing.PublicKey?
        var audience = ""
        func set(_ key: _RSA.Signing.PublicKey, audience: String) { self.key = key; self.audience = audience }

        /// Checks the signature and the claims Google's token endpoint checks.
        func verify(_ jwt: String) -> Bool {
            let parts = jwt.split(separator: ".")
            guard parts.count == 3, let key, let signature = Fakes.base64URLDecode(parts[2]),
                  let claimsData = Fakes.base64URLDecode(parts[1]), let headerData = Fakes.base64URLDecode(parts[0]),
                  let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
                  let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any] else { return false }
            let valid = key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature),
                                             for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5)
            let iat = (claims["iat"] as? NSNumber)?.intValue ?? 0, exp = (claims["exp"] as? NSNumber)?.intValue ?? 0
            let iss = claims["iss"] as? String, aud = claims["aud"] as? String, scope = claims["scope"] as? String
            let alg = header["alg"] as? String, kid = header["kid"] as? String
            return valid && alg == "RS256" && kid == "kid-1" && iss == "doctor@doctor-test.iam.gserviceaccount.com"
                && aud == audience && scope == GoogleAccessTokenProvider.scope && exp - iat == 3600
        }
    }
}

extension RecordedRequest {
    /// `application/x-www-form-urlencoded` body fields.
    var queryItemsFromForm: [String: String] {
        RecordedRequest(method: method, path: path, query: bodyText, headers: headers, body: body).queryItems
    }
}
