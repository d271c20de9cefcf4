import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One JSON line per request: request id (incoming `X-Request-Id` or a new one), method, route
/// template, status, latency, client address, user id when known, error code on errors.
/// Never the raw path, a body, a token or an email. Also feeds the request metrics, and wraps the
/// routes in `ErrorMapping` and `SecurityHeaders` (inline: one middleware layer instead of three).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger
    let metrics: APIMetrics
    let clients: ClientAddressResolver
    let requestIDs = RequestIDGenerator()

    private static let requestIDField = HTTPField.Name("X-Request-Id")!
    private static let forwardedForField = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        context.requestID = Self.requestID(request.headers[Self.requestIDField], generator: requestIDs)
        context.clientAddress = clients.clientAddress(
            peer: context.peerAddress, forwardedFor: request.headers[values: Self.forwardedForField])
        context.logger[metadataKey: "request.id"] = .string(context.requestID)
        // Error mapping and security headers run inline, not as two more middleware layers: each
        // layer costs an async frame and a copy of the context per request.
        var response: Response
        do {
            response = try await next(request, context)
            SecurityHeaders.apply(to: &response.headers)
        } catch {
            response = ErrorMapping.response(for: error, context: context)
        }
        response.headers[Self.requestIDField] = context.requestID
        let duration = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        let status = Int(response.status.code)
        metrics.recordRequest(method: request.method.rawValue, route: route, status: status, duration: duration)
        guard logger.logLevel <= .info else { return response }
        var metadata: Logger.Metadata = [
            "request.id": .string(context.requestID),
            "http.method": .string(request.method.rawValue),
            "http.route": .string(route),
            "http.status": .stringConvertible(status),
            // Top-level `status` is what the CloudWatch 5xx metric filter reads (infra/aws observability):
            // JSON filter patterns address keys by path, and `http.status` would mean a nested object.
            "status": .stringConvertible(status),
            "latency_ms": .string(Self.milliseconds(duration)),
            "client.ip": .string(context.clientAddress),
        ]
        if let userID = context.observation.userID { metadata["user.id"] = .stringConvertible(userID) }
        if let code = context.observation.errorCode { metadata["error.code"] = .string(code) }
        logger.info("request completed", metadata: metadata)
        return response
    }

    /// Keeps a sane incoming id (≤ 128 visible ASCII characters), else makes one.
    static func requestID(_ incoming: String?, generator: RequestIDGenerator) -> String {
        if let incoming, !incoming.isEmpty, incoming.utf8.count <= 128,
           incoming.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") }) {
            return incoming
        }
        return generator.next()
    }

    static func milliseconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f", value)
    }
}
