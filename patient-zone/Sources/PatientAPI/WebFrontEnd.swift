import HTTPTypes
import Hummingbird
import Logging

/// Serves the static web front end (`patient-zone/web`) at `/` in local development, when
/// `WEB_ROOT` names its folder. In the cloud the same files come from S3 through CloudFront.
struct WebFrontEnd {
    let rootFolder: String
    let logger: Logger

    func register(on router: Router<APIRequestContext>) {
        router.add(middleware: FileMiddleware(
            rootFolder,
            cacheControl: .init([(.text, [.noCache]), (.application, [.noCache]), (.image, [.maxAge(3600)])]),
            searchForIndexHtml: true,
            logger: logger))
    }
}

/// Browser hardening headers on every response: a strict Content-Security-Policy (no inline script
/// or style, same-origin fetches only), no MIME sniffing, no framing, no referrer.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[Self.frameOptions] = "DENY"
        headers[Self.referrerPolicy] = "no-referrer"
        headers[Self.openerPolicy] = "same-origin"
        headers[Self.permissionsPolicy] = "camera=(), microphone=(), geolocation=()"
    }

    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    private static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
}
