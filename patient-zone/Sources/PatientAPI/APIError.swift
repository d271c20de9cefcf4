import Hummingbird

/// Every error answer of the API: `{"error":{"code","message","field"?}}` with a stable code.
/// `cause` is the root-cause code written to the access log (e.g. `pool_exhausted` behind a 503
/// `database_unavailable`); it never reaches the client.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public let field: String?
    public var retryAfterSeconds: Int?
    public var cause: String?

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil,
                retryAfterSeconds: Int? = nil, cause: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.retryAfterSeconds = retryAfterSeconds
        self.cause = cause
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    public func response() -> Response {
        var json = JSONText()
        json.object { body in
            body.field("error") { json in
                json.object { error in
                    error.field("code", code)
                    error.field("message", message)
                    if let field { error.field("field", field) }
                }
            }
        }
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }

    // MARK: - the codes of the contract

    public static func invalidRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: "invalid_request", message: message, field: field)
    }
    public static let payloadTooLarge = APIError(
        .contentTooLarge, code: "payload_too_large", message: "The request body is larger than 64 KiB.")
    public static let unsupportedMediaType = APIError(
        .unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as application/json.")
    public static let emailTaken = APIError(
        .conflict, code: "email_taken", message: "An account with this email already exists.", field: "email")
    public static let invalidCredentials = APIError(
        .unauthorized, code: "invalid_credentials", message: "Email or password is wrong.")
    public static let unauthorized = APIError(
        .unauthorized, code: "unauthorized", message: "A valid bearer token is required.")
    public static let notFound = APIError(.notFound, code: "not_found", message: "There is nothing here.")
    public static let methodNotAllowed = APIError(
        .methodNotAllowed, code: "method_not_allowed", message: "This method is not allowed here.")

    public static func rateLimited(retryAfterSeconds: Int) -> APIError {
        APIError(.tooManyRequests, code: "rate_limited", message: "Too many login attempts; try again later.",
                 retryAfterSeconds: retryAfterSeconds)
    }
    public static func databaseUnavailable(cause: String) -> APIError {
        APIError(.serviceUnavailable, code: "database_unavailable",
                 message: "The database is unavailable, try again shortly.", retryAfterSeconds: 1, cause: cause)
    }
    public static func overloaded(cause: String) -> APIError {
        APIError(.serviceUnavailable, code: "overloaded", message: "The service is busy, try again shortly.",
                 retryAfterSeconds: 1, cause: cause)
    }
    public static func internalError(cause: String) -> APIError {
        APIError(.internalServerError, code: "internal_error", message: "Something went wrong on our side.", cause: cause)
    }
}
