import Hummingbird
import Logging
import NIOCore

/// Turns every thrown error into the contract's error body (`{"error":{"code","message"}}`),
/// records the root-cause code for the access log, and never lets internals reach the client.
/// Applied by `AccessLogMiddleware` around the routes.
enum ErrorMapping {
    /// The contract's answer to `error`, with its root-cause code noted for the access log.
    static func response(for error: any Error, context: APIRequestContext) -> Response {
        let mapped = (error as? APIError) ?? map(error, logger: context.logger)
        context.observation.errorCode = mapped.cause ?? mapped.code
        return mapped.response()
    }

    static func map(_ error: any Error, logger: Logger) -> APIError {
        if error is NIOTooManyBytesError { return .payloadTooLarge }
        if let error = error as? any HTTPResponseError {
            switch error.status {
            case .notFound: return .notFound
            case .methodNotAllowed: return .methodNotAllowed
            case .contentTooLarge: return .payloadTooLarge
            case .unsupportedMediaType: return .unsupportedMediaType
            case .badRequest: return .invalidRequest("the request is malformed")
            default: break
            }
        }
        logger.error("unhandled error", metadata: ["error.code": "internal_error", "error.type": "\(type(of: error))"])
        return .internalError(cause: "internal_error")
    }
}
