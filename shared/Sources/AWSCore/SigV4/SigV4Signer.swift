import Crypto
import Foundation

/// What the payload hash line of the canonical request holds.
public enum SigV4Payload: Sendable, Hashable {
    /// SHA-256 of the request body (the default).
    case signed
    /// The literal `UNSIGNED-PAYLOAD`, for services that accept it (S3, presigned URLs).
    case unsigned
}

/// Options that vary between services and between the published test cases.
public struct SigV4Options: Sendable, Hashable {
    /// Remove `.`/`..`/empty path segments before encoding (every service but S3).
    public var normalizePath: Bool
    /// Add an `x-amz-content-sha256` header (S3 and some others want it).
    public var addContentSHA256Header: Bool
    public var payload: SigV4Payload
    /// Add the session token after signing instead of signing it (a few services, e.g. IoT, want this).
    public var omitSessionTokenFromSignature: Bool

    public init(normalizePath: Bool = true, addContentSHA256Header: Bool = false, payload: SigV4Payload = .signed,
                omitSessionTokenFromSignature: Bool = false) {
        self.normalizePath = normalizePath
        self.addContentSHA256Header = addContentSHA256Header
        self.payload = payload
        self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
    }
}

/// The intermediate and final results of one signing, kept for tests and debugging.
/// Holds no secret: the signature is derived, the key is not kept.
public struct SigV4Result: Sendable, Hashable {
    /// The request to send: headers (header signing) or query (presigning) carry the signature.
    public var request: SigV4Request
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String
    /// The `Authorization` header value (header signing only).
    public var authorization: String?
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header signing and query-string presigning.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    // MARK: header signing

    /// Signs with the `Authorization` header; adds `X-Amz-Date` (and the session token) to the request.
    public func signHeaders(_ request: SigV4Request, date: Date, options: SigV4Options = SigV4Options()) -> SigV4Result {
        let stamp = SigV4Date(date)
        var request = request
        let payloadHash = payloadHash(request.body, options.payload)
        request.headers.append(.init("X-Amz-Date", stamp.dateTime))
        if options.addContentSHA256Header {
            request.headers.append(.init("X-Amz-Content-Sha256", payloadHash))
        }
        if let token = credentials.sessionToken, !options.omitSessionTokenFromSignature {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        let canonicalRequest = [
            request.method,
            canonicalURI(request.path, options),
            request.encodedQuery,
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = stamp.scope(region: region, service: service)
        let stringToSign = Self.stringToSign(canonicalRequest, stamp: stamp, scope: scope)
        let signature = sign(stringToSign, stamp: stamp)
        let authorization = "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        if let token = credentials.sessionToken, options.omitSessionTokenFromSignature {
            request.headers.append(.init("X-Amz-Security-Token", token))
        }
        request.headers.append(.init("Authorization", authorization))
        return SigV4Result(request: request, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                           signature: signature, authorization: authorization)
    }

    // MARK: query presigning

    /// Presigns: the signature and its parameters go in the query string; valid for `expires` seconds.
    public func presign(_ request: SigV4Request, date: Date, expires: Int, options: SigV4Options = SigV4Options()) -> SigV4Result {
        let stamp = SigV4Date(date)
        var request = request
        let scope = stamp.scope(region: region, service: service)
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers)
        request.query.append(contentsOf: [
            .init("X-Amz-Algorithm", Self.algorithm),
            .init("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope)"),
            .init("X-Amz-Date", stamp.dateTime),
            .init("X-Amz-SignedHeaders", signedHeaders),
            .init("X-Amz-Expires", String(expires)),
        ])
        if let token = credentials.sessionToken, !options.omitSessionTokenFromSignature {
            request.query.append(.init("X-Amz-Security-Token", token))
        }
        let canonicalRequest = [
            request.method,
            canonicalURI(request.path, options),
            request.encodedQuery,
            canonicalHeaders,
            signedHeaders,
            payloadHash(request.body, options.payload),
        ].joined(separator: "\n")
        let stringToSign = Self.stringToSign(canonicalRequest, stamp: stamp, scope: scope)
        let signature = sign(stringToSign, stamp: stamp)
        if let token = credentials.sessionToken, options.omitSessionTokenFromSignature {
            request.query.append(.init("X-Amz-Security-Token", token))
        }
        request.query.append(.init("X-Amz-Signature", signature))
        return SigV4Result(request: request, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
                           signature: signature, authorization: nil)
    }

    // MARK: pieces

    func canonicalURI(_ path: String, _ options: SigV4Options) -> String {
        let path = path.isEmpty ? "/" : path
        return URIEncoding.encodePath(options.normalizePath ? URIEncoding.normalizePath(path) : path)
    }

    func payloadHash(_ body: [UInt8], _ payload: SigV4Payload) -> String {
        switch payload {
        case .signed: Hex.encode(SHA256.hash(data: body))
        case .unsigned: Self.unsignedPayload
        }
    }

    /// Lower-case names, sorted; values trimmed with inner runs of spaces collapsed; repeats joined with `,`.
    static func canonicalHeaders(_ headers: [SigV4Request.Header]) -> (canonical: String, signed: String) {
        var merged: [String: [String]] = [:]
        for header in headers {
            merged[header.name.lowercased(), default: []].append(normalizeHeaderValue(header.value))
        }
        let names = merged.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var canonical = ""
        for name in names {
            canonical += "\(name):\(merged[name, default: []].joined(separator: ","))\n"
        }
        return (canonical, names.joined(separator: ";"))
    }

    static func normalizeHeaderValue(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in value {
            if character == " " || character == "\t" || character == "\n" || character == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    static func stringToSign(_ canonicalRequest: String, stamp: SigV4Date, scope: String) -> String {
        [
            algorithm,
            stamp.dateTime,
            scope,
            Hex.encode(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")
    }

    func sign(_ stringToSign: String, stamp: SigV4Date) -> String {
        let key = signingKey(day: stamp.day)
        return Hex.encode(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        let secret = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
    }
}

/// `yyyyMMdd` and `yyyyMMdd'T'HHmmss'Z'` in UTC.
struct SigV4Date: Sendable {
    let day: String
    let dateTime: String

    init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        day = pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2)
        dateTime = day + "T" + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    func scope(region: String, service: String) -> String {
        "\(day)/\(region)/\(service)/aws4_request"
    }
}
