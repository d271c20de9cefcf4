import Foundation

/// The shared `credentials` and `config` files (INI), as the SDKs read them.
public struct ProfileFiles: Sendable, Hashable {
    /// profile name -> lower-cased key -> value
    public var credentials: [String: [String: String]]
    public var config: [String: [String: String]]

    public init(credentials: [String: [String: String]] = [:], config: [String: [String: String]] = [:]) {
        self.credentials = credentials
        self.config = config
    }

    /// Loads `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` (defaults under `$HOME/.aws/`); missing files are empty.
    public static func load(environment: [String: String]) -> ProfileFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"].map(expandTilde(home)) ?? "\(home)/.aws/credentials"
        let configPath = environment["AWS_CONFIG_FILE"].map(expandTilde(home)) ?? "\(home)/.aws/config"
        func read(_ path: String) -> String {
            FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return ProfileFiles(credentials: parse(read(credentialsPath), isConfig: false),
                            config: parse(read(configPath), isConfig: true))
    }

    private static func expandTilde(_ home: String) -> (String) -> String {
        { $0.hasPrefix("~/") ? home + $0.dropFirst() : $0 }
    }

    /// INI as the SDKs read it: `[name]` in credentials, `[profile name]` or `[default]` in config;
    /// `key = value`; lines starting with `#` or `;` are comments; unknown lines are ignored.
    public static func parse(_ text: String, isConfig: Bool) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else { current = nil; continue }
                var name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if isConfig {
                    if name.hasPrefix("profile ") || name.hasPrefix("profile\t") {
                        name = String(name.dropFirst("profile".count)).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" {
                        current = nil
                        continue
                    }
                }
                current = name
                profiles[name, default: [:]] = profiles[name, default: [:]]
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: "\t#") { value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
            profiles[current, default: [:]][key] = value
        }
        return profiles
    }

    /// The merged settings of one profile: config first, credentials file on top.
    public func settings(for profile: String) -> [String: String]? {
        let fromConfig = config[profile], fromCredentials = credentials[profile]
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { $1 }
    }
}

/// Static keys from the selected profile (`AWS_PROFILE`, default `default`) of the shared files;
/// a profile with `role_arn` + `web_identity_token_file` assumes that role.
public struct ProfileCredentialSource: CredentialSource {
    public let name = "profile"
    public var profile: String
    public var files: ProfileFiles
    public var explicitlySelected: Bool
    /// Builds the STS client for web identity profiles.
    public var makeSTS: @Sendable () throws -> STSClient

    public init(environment: [String: String], files: ProfileFiles? = nil, makeSTS: @escaping @Sendable () throws -> STSClient) {
        let selected = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        profile = selected ?? "default"
        explicitlySelected = selected != nil
        self.files = files ?? ProfileFiles.load(environment: environment)
        self.makeSTS = makeSTS
    }

    public func resolve() async throws -> AWSCredentials? {
        guard let settings = files.settings(for: profile) else {
            if explicitlySelected {
                throw AWSError(code: AWSError.invalidConfiguration, message: "AWS_PROFILE names a profile that is in neither file: \(profile)")
            }
            return nil
        }
        if let key = settings["aws_access_key_id"], !key.isEmpty,
           let secret = settings["aws_secret_access_key"], !secret.isEmpty {
            let token = settings["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token)
        }
        if let role = settings["role_arn"], let tokenFile = settings["web_identity_token_file"] {
            let source = WebIdentityCredentialSource(
                name: "profile-web-identity", roleArn: role,
                sessionName: settings["role_session_name"] ?? "cloud-doctor-\(Int(Date().timeIntervalSince1970))",
                tokenSource: FileWebIdentityTokenSource(path: tokenFile), sts: try makeSTS())
            return try await source.resolve()
        }
        if settings["role_arn"] != nil || settings["credential_process"] != nil || settings["sso_session"] != nil {
            throw AWSError(code: AWSError.invalidConfiguration,
                           message: "profile \(profile) uses source_profile/credential_process/SSO, which this client does not support")
        }
        return nil
    }
}
