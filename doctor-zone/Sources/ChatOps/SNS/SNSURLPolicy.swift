import Foundation

/// Which URLs SNS may send us to: the signing certificate and the SubscribeURL must be
/// `https://sns.<region>.amazonaws.com/…` (or `.amazonaws.com.cn`). Tests add their loopback origin.
public struct SNSURLPolicy: Sendable {
    /// Extra allowed origins such as `https://127.0.0.1:8443` (test configuration only).
    public var extraOrigins: [String]

    public init(extraOrigins: [String] = []) {
        self.extraOrigins = extraOrigins
    }

    public func isAllowed(_ text: String, requirePEM: Bool) -> Bool {
        guard text.utf8.count < 2_048, let url = URL(string: text), url.scheme?.lowercased() == "https",
              url.user == nil, url.password == nil, let host = url.host?.lowercased()
        else { return false }
        if requirePEM, !url.path.hasSuffix(".pem") { return false }
        if let port = url.port {
            let origin = "https://\(host):\(port)"
            return extraOrigins.contains(origin)
        }
        if extraOrigins.contains("https://\(host)") { return true }
        return Self.isSNSHost(host)
    }

    /// `sns.<region>.amazonaws.com` / `sns.<region>.amazonaws.com.cn`, region like `us-east-1`.
    static func isSNSHost(_ host: String) -> Bool {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        let suffixOK = (parts.count == 4 && parts[2] == "amazonaws" && parts[3] == "com")
            || (parts.count == 5 && parts[2] == "amazonaws" && parts[3] == "com" && parts[4] == "cn")
        guard suffixOK, parts[0] == "sns" else { return false }
        let region = parts[1]
        return !region.isEmpty && region.count <= 32 && region.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && region.contains("-")
    }
}
