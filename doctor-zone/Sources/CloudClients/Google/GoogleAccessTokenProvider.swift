import AWSCore
import AsyncHTTPClient
import Foundation
import Logging

/// A Google OAuth 2.0 access token and when it stops working.
public struct GoogleAccessToken: Sendable, Hashable, CustomStringConvertible {
    public var value: String
    public var expiresAt: Date
    public var description: String { "GoogleAccessToken(<redacted>, expires \(expiresAt))" }
}

/// Access tokens for Vertex AI, from a service-account key (`GOOGLE_APPLICATION_CREDENTIALS`: RS256 JWT
/// exchanged at the key's `token_uri`) or else the metadata server (`GCE_METADATA_HOST`, header
/// `Metadata-Flavor: Google`). Cached until `refreshMargin` before expiry, one refresh in flight at a time.
public actor GoogleAccessTokenProvider {
    public enum Source: Sendable {
        case serviceAccount(ServiceAccountKey)
        case metadataServer(host: String)
    }

    public static let scope = "https://www.googleapis.com/auth/cloud-platform"

    public let source: Source
    private let poster: JSONPoster
    private let fetch: HTTPFetch
    private let refreshMargin: TimeInterval
    private var cached: GoogleAccessToken?
    private var inflight: Task<GoogleAccessToken, any Error>?
    public private(set) var fetchCount = 0

    public init(source: Source, http: HTTPClient = .shared, refreshMargin: TimeInterval = 300) {
        self.source = source
        self.poster = JSONPoster(http: http, retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(200)), timeout: .seconds(10))
        self.fetch = HTTPFetch(http: http, timeout: .seconds(5))
        self.refreshMargin = refreshMargin
    }

    /// The key file when `GOOGLE_APPLICATION_CREDENTIALS` is set, else the metadata server.
    public static func fromEnvironment(_ environment: [String: String], http: HTTPClient = .shared) throws -> GoogleAccessTokenProvider {
        if let path = environment["GOOGLE_APPLICATION_CREDENTIALS"], !path.isEmpty {
            return GoogleAccessTokenProvider(source: .serviceAccount(try ServiceAccountKey.load(path: path)), http: http)
        }
        let host = environment["GCE_METADATA_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "metadata.google.internal"
        return GoogleAccessTokenProvider(source: .metadataServer(host: host), http: http)
    }

    public func token() async throws -> String {
        if let cached, cached.expiresAt.timeIntervalSinceNow > refreshMargin { return cached.value }
        let task: Task<GoogleAccessToken, any Error>
        if let inflight {
            task = inflight
        } else {
            fetchCount += 1
            let source = self.source, poster = self.poster, fetch = self.fetch
            task = Task { try await Self.fetchToken(source: source, poster: poster, fetch: fetch) }
            inflight = task
        }
        defer { if inflight == task { inflight = nil } }
        let fresh = try await task.value
        cached = fresh
        return fresh.value
    }

    struct TokenAnswer: Decodable {
        var access_token: String
        var expires_in: Double?
        var token_type: String?
    }

    static func fetchToken(source: Source, poster: JSONPoster, fetch: HTTPFetch) async throws -> GoogleAccessToken {
        let body: [UInt8]
        switch source {
        case .serviceAccount(let key):
            let now = Int(Date().timeIntervalSince1970)
            let assertion = try JWTSigner(pem: key.privateKey, keyId: key.privateKeyId).sign(claims: [
                "iss": key.clientEmail, "scope": scope, "aud": key.tokenURI, "iat": now, "exp": now + 3600,
            ])
            let form = "grant_type=\(URIEncoding.encode("urn:ietf:params:oauth:grant-type:jwt-bearer"))&assertion=\(URIEncoding.encode(assertion))"
            let answer = try await poster.post(url: key.tokenURI, headers: { [] }, body: Array(form.utf8),
                                               contentType: "application/x-www-form-urlencoded", operation: "google.token")
            guard answer.status == 200 else {
                throw CloudClientError(CloudClientError.authUnavailable, "the token endpoint refused the service-account assertion",
                                       status: answer.status)
            }
            body = answer.body
        case .metadataServer(let host):
            let answer: HTTPFetch.Response
            do {
                answer = try await fetch(.GET, "http://\(host)/computeMetadata/v1/instance/service-accounts/default/token",
                                         headers: [("Metadata-Flavor", "Google")])
            } catch {
                throw CloudClientError(CloudClientError.authUnavailable, "no Google credentials: no key file and no metadata server")
            }
            guard answer.status == 200 else {
                throw CloudClientError(CloudClientError.authUnavailable, "the metadata server refused a token", status: answer.status)
            }
            body = answer.body
        }
        guard let decoded = try? JSONDecoder().decode(TokenAnswer.self, from: Data(body)), !decoded.access_token.isEmpty else {
            throw CloudClientError(CloudClientError.malformed, "the token answer has no access_token")
        }
        return GoogleAccessToken(value: decoded.access_token, expiresAt: Date().addingTimeInterval(decoded.expires_in ?? 3600))
    }
}
