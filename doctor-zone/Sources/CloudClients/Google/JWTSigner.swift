import Crypto
import Foundation
import _CryptoExtras

/// Signs the OAuth 2.0 JWT-bearer assertion (RFC 7523) with the key's RSA private key: RS256.
public struct JWTSigner: Sendable {
    let key: _RSA.Signing.PrivateKey
    let keyId: String?

    public init(pem: String, keyId: String?) throws {
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw CloudClientError(CloudClientError.authUnavailable, "the service-account private key is not an RSA PEM key")
        }
        self.keyId = keyId
    }

    /// `header.claims.signature`, each part base64url without padding.
    public func sign(claims: [String: any Sendable]) throws -> String {
        var header: [String: String] = ["alg": "RS256", "typ": "JWT"]
        if let keyId { header["kid"] = keyId }
        let headerPart = Self.base64URL(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        let claimsPart = Self.base64URL(try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let input = "\(headerPart).\(claimsPart)"
        let signature = try key.signature(for: Data(input.utf8), padding: .insecurePKCS1v1_5)
        return "\(input).\(Self.base64URL(signature.rawRepresentation))"
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
