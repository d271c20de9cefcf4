import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import X509

/// Fetches a PEM certificate by URL (the seam tests replace or point at loopback TLS).
public protocol CertificateFetching: Sendable {
    func certificatePEM(at url: String) async throws -> String
}

/// Fetches over HTTPS with AsyncHTTPClient (TLS verification on), with a timeout and size cap.
public struct HTTPCertificateFetcher: CertificateFetching {
    private let http: HTTPClient
    private let timeout: TimeAmount

    public init(httpClient: HTTPClient, timeout: TimeAmount = .seconds(5)) {
        self.http = httpClient
        self.timeout = timeout
    }

    public func certificatePEM(at url: String) async throws -> String {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: timeout)
        guard response.status == .ok else { throw SNSError.certificateUnavailable }
        return String(buffer: try await response.body.collect(upTo: 64 * 1024))
    }
}

/// Parsed certificates by URL, kept for the life of the process (SNS rotates rarely; the URL changes when it does).
public final class CertificateCache: Sendable {
    private let fetcher: any CertificateFetching
    private let cache = NIOLockedValueBox([String: Certificate]())
    private let maxEntries: Int

    public init(fetcher: any CertificateFetching, maxEntries: Int = 64) {
        self.fetcher = fetcher
        self.maxEntries = maxEntries
    }

    public func certificate(at url: String) async throws(SNSError) -> Certificate {
        if let hit = cache.withLockedValue({ $0[url] }) { return hit }
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: try await fetcher.certificatePEM(at: url))
        } catch {
            throw .certificateUnavailable
        }
        cache.withLockedValue { cache in
            if cache.count >= maxEntries { cache.removeAll() }
            cache[url] = certificate
        }
        return certificate
    }
}
