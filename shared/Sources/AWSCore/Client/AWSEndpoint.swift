import Foundation

/// A base URL a service is reached at: scheme, host, optional port and base path.
public struct AWSEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Path prefix without a trailing slash (usually empty).
    public var basePath: String

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "") {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http(s)://host[:port][/path]`; nil for anything else.
    public init?(url text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://") else { return nil }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = trimmed[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count).prefix { $0 != "?" && $0 != "#" })
        while path.hasSuffix("/") { path.removeLast() }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = String(authority)
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()); if port == nil { return nil } }
            host = String(host[...close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let value = Int(host[host.index(after: colon)...]) else { return nil }
            port = value
            host = String(host[..<colon])
        }
        if let port, !(1...65535).contains(port) { return nil }
        self.init(scheme: scheme, host: host, port: port, basePath: path)
    }

    /// The `Host` header value (with the port when it is not the scheme's default).
    public var hostHeader: String {
        guard let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return host }
        return "\(host):\(port)"
    }

    /// `scheme://host[:port]` followed by `target` (which starts with `/`).
    public func url(_ target: String) -> String {
        "\(scheme)://\(hostHeader)\(target)"
    }

    public var description: String { url(basePath) }
}


/// Where a service is reached: `AWS_ENDPOINT_URL_<SERVICE>` beats `AWS_ENDPOINT_URL` beats the regional default.
public struct EndpointResolver: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public enum Failure: Error, Hashable, CustomStringConvertible {
        case invalidOverride(variable: String)
        public var description: String {
            switch self {
            case .invalidOverride(let variable): "aws.endpoint_invalid: \(variable) is not an http(s) URL"
            }
        }
    }

    public func resolve(_ service: AWSService, region: String) throws -> AWSEndpoint {
        for variable in [service.endpointEnvironmentVariable, "AWS_ENDPOINT_URL"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            guard let endpoint = AWSEndpoint(url: value) else { throw Failure.invalidOverride(variable: variable) }
            return endpoint
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return AWSEndpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)")
    }
}
