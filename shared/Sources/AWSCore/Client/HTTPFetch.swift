import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A small one-shot HTTP call with a hard timeout, for credential and metadata endpoints.
public struct HTTPFetch: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public var http: HTTPClient
    public var timeout: Duration
    public var maxBytes: Int

    public init(http: HTTPClient = .shared, timeout: Duration = .seconds(2), maxBytes: Int = 1 << 20) {
        self.http = http
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func callAsFunction(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let http = self.http, limit = maxBytes, timeout = self.timeout
        let finalRequest = request
        return try await withTimeout(timeout) {
            let response = try await http.execute(finalRequest, timeout: .seconds(Int64(timeout.components.seconds) + 1))
            var buffer = try await response.body.collect(upTo: limit)
            return Response(status: Int(response.status.code), headers: response.headers,
                            body: buffer.readBytes(length: buffer.readableBytes) ?? [])
        }
    }
}
