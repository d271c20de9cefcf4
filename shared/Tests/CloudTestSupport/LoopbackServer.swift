import Foundation
import Hummingbird
import Logging
import NIOCore

/// A request as a loopback fake received it.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    /// The raw query string (no `?`), or empty.
    public var query: String
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// Decoded query parameters.
    public var queryItems: [String: String] {
        var items: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            items[name] = value
        }
        return items
    }
}

/// What a fake answers.
public struct CannedResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    /// Wait this long before answering (for timeout tests).
    public var delay: Duration?

    public init(status: Int = 200, headers: [String: String] = [:], body: String = "", delay: Duration? = nil) {
        self.status = status
        self.headers = headers
        self.body = Array(body.utf8)
        self.delay = delay
    }

    public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> CannedResponse {
        CannedResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: text)
    }
}

/// Everything a fake received, in order.
public actor RequestLog {
    public private(set) var requests: [RecordedRequest] = []
    public init() {}
    func append(_ request: RecordedRequest) { requests.append(request) }
    public var count: Int { requests.count }
}

/// A real HTTP/1.1 server on 127.0.0.1 (a free port) that records each request and answers with `handler`.
/// `run` starts it, calls `body` with its base URL, and stops it however `body` ends.
public enum LoopbackServer {
    public typealias Handler = @Sendable (RecordedRequest, Int) async -> CannedResponse

    public static func run<T: Sendable>(
        handler: @escaping Handler,
        _ body: @Sendable (_ baseURL: String, _ log: RequestLog) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers {
                headers[field.name.canonicalName] = headers[field.name.canonicalName].map { "\($0),\(field.value)" } ?? field.value
            }
            var buffer = try await request.body.collect(upTo: 64 << 20)
            let recorded = RecordedRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                headers: headers, body: buffer.readBytes(length: buffer.readableBytes) ?? [])
            await log.append(recorded)
            let index = await log.count
            let canned = await handler(recorded, index)
            if let delay = canned.delay { try? await Task.sleep(for: delay) }
            var fields = HTTPFields()
            for (name, value) in canned.headers {
                if let fieldName = HTTPFields.Element.Name(name) { fields[fieldName] = value }
            }
            return Response(status: .init(code: canned.status), headers: fields,
                             body: .init(byteBuffer: ByteBuffer(bytes: canned.body)))
        }
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: {
                var logger = Logger(label: "loopback-fake")
                logger.logLevel = .critical
                return logger
            }()
        )
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await body("http://127.0.0.1:\(port)", log)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LoopbackServer {
    /// A loopback TCP port nothing listens on (bound, read, closed without listening): connections are refused.
    public static func unusedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
