/// What the client needs to know about one AWS service: its SDK service id (for
/// `AWS_ENDPOINT_URL_<ID>`), its endpoint prefix and its signing name.
public struct AWSService: Sendable, Hashable {
    /// The SDK service id, e.g. `CloudWatch Logs`; upper-cased with spaces and dashes as `_` it names the env var.
    public var serviceId: String
    /// The host prefix of the regional endpoint, e.g. `logs` in `logs.eu-west-1.amazonaws.com`.
    public var endpointPrefix: String
    /// The SigV4 service name, e.g. `logs`, `sts`, `bedrock`.
    public var signingName: String

    public init(serviceId: String, endpointPrefix: String, signingName: String) {
        self.serviceId = serviceId
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
    }

    /// `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS` for `CloudWatch Logs`.
    public var endpointEnvironmentVariable: String {
        "AWS_ENDPOINT_URL_" + serviceId.uppercased().map { $0 == " " || $0 == "-" ? "_" : $0 }.map(String.init).joined()
    }

    public static let cloudWatchLogs = AWSService(serviceId: "CloudWatch Logs", endpointPrefix: "logs", signingName: "logs")
    public static let sts = AWSService(serviceId: "STS", endpointPrefix: "sts", signingName: "sts")
    public static let bedrockRuntime = AWSService(serviceId: "Bedrock Runtime", endpointPrefix: "bedrock-runtime", signingName: "bedrock")
}
