import AsyncHTTPClient
import Foundation
import Logging

/// The links tried in order; the first that is configured answers.
public struct CredentialChain: Sendable {
    public var sources: [any CredentialSource]
    public var logger: Logger

    public init(sources: [any CredentialSource], logger: Logger = Logger(label: "aws.credentials")) {
        self.sources = sources
        self.logger = logger
    }

    /// The SDKs' order: environment → web identity (token file; then the Cloud Run metadata ID token when
    /// `AWS_ROLE_ARN` is set without a token file) → shared profiles → container → IMDSv2.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                http: HTTPClient = .shared, logger: Logger = Logger(label: "aws.credentials")) -> CredentialChain {
        let region = AWSRegion.resolve(environment: environment)
        let makeSTS: @Sendable () throws -> STSClient = {
            STSClient(client: try AWSClient(service: .sts, region: region, credentials: nil, environment: environment, http: http, logger: logger))
        }
        var sources: [any CredentialSource] = [EnvironmentCredentialSource(environment: environment)]
        let sessionName = environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "cloud-doctor-\(Int(Date().timeIntervalSince1970))"
        if let role = environment["AWS_ROLE_ARN"], !role.isEmpty, let sts = try? makeSTS() {
            if let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty {
                sources.append(WebIdentityCredentialSource(roleArn: role, sessionName: sessionName,
                                                           tokenSource: FileWebIdentityTokenSource(path: file), sts: sts))
            } else {
                sources.append(WebIdentityCredentialSource(
                    name: "gcp-web-identity", roleArn: role, sessionName: sessionName,
                    tokenSource: GoogleMetadataIdentityTokenSource(environment: environment, fetch: HTTPFetch(http: http, timeout: .seconds(2))),
                    sts: sts))
            }
        }
        sources.append(ProfileCredentialSource(environment: environment, makeSTS: makeSTS))
        sources.append(ContainerCredentialSource(environment: environment, fetch: HTTPFetch(http: http, timeout: .seconds(2))))
        // AWS_METADATA_SERVICE_TIMEOUT (seconds, default 1) as the SDKs read it.
        let imdsTimeout = environment["AWS_METADATA_SERVICE_TIMEOUT"].flatMap(Double.init).map { min(max($0, 0.1), 30) } ?? 1
        sources.append(InstanceMetadataCredentialSource(environment: environment,
                                                        fetch: HTTPFetch(http: http, timeout: .milliseconds(Int64(imdsTimeout * 1000)))))
        return CredentialChain(sources: sources, logger: logger)
    }

    /// The first link's credentials, and its name.
    public func resolve() async throws -> (credentials: AWSCredentials, source: String) {
        for source in sources {
            if let credentials = try await source.resolve() {
                logger.debug("AWS credentials resolved", metadata: ["source": "\(source.name)", "accessKeyId": "\(credentials.accessKeyId)"])
                return (credentials, source.name)
            }
        }
        throw AWSError(code: AWSError.credentialsUnavailable,
                       message: "no AWS credentials: tried \(sources.map(\.name).joined(separator: ", "))")
    }
}

/// Caches what the chain gives; refreshes temporary credentials `refreshMargin` before they expire,
/// with one refresh in flight however many callers ask at once. If a refresh fails while the old
/// credentials are still valid, the old ones are used.
public actor CachingCredentialProvider: AWSCredentialProvider {
    private let resolveFresh: @Sendable () async throws -> AWSCredentials
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inflight: Task<AWSCredentials, any Error>?
    /// How many times the underlying source was asked (for tests and metrics).
    public private(set) var fetchCount = 0

    public init(refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = { Date() },
                resolve: @escaping @Sendable () async throws -> AWSCredentials) {
        self.resolveFresh = resolve
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public init(chain: CredentialChain, refreshMargin: TimeInterval = 300) {
        self.init(refreshMargin: refreshMargin) { try await chain.resolve().credentials }
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: refreshMargin, of: now()) { return cached }
        let task: Task<AWSCredentials, any Error>
        if let inflight {
            task = inflight
        } else {
            fetchCount += 1
            let resolve = resolveFresh
            task = Task { try await resolve() }
            inflight = task
        }
        do {
            let fresh = try await task.value
            if inflight == task { inflight = nil }
            cached = fresh
            return fresh
        } catch {
            if inflight == task { inflight = nil }
            if let cached, !cached.expires(within: 0, of: now()) { return cached }
            throw error
        }
    }
}

/// `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the selected profile's `region`, then `us-east-1`.
public enum AWSRegion {
    public static func resolve(environment: [String: String]) -> String {
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[variable]?.trimmingCharacters(in: .whitespaces), isValid(value) { return value }
        }
        let profile = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if let region = ProfileFiles.load(environment: environment).settings(for: profile)?["region"], isValid(region) {
            return region
        }
        return "us-east-1"
    }

    /// Letters, digits and dashes only: a region ends up in a host name.
    public static func isValid(_ region: String) -> Bool {
        !region.isEmpty && region.count <= 32 && region.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
