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

/// Browser hardening headers on every response that is not an error: a strict Content-Security-Policy
/// (no inline script or style, same-origin fetches only), no MIME sniffing, no framing, no referrer.
/// Applied by `AccessLogMiddleware`.
enum SecurityHeaders {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    static func apply(to headers: inout HTTPFields) {
        for field in fields {
            if headers[field.name] == nil {
                headers.append(field)
            } else {
                headers[field.name] = field.value
            }
        }
    }

    /// Built once: constructing an `HTTPField` validates its value every time.
    private static let fields: [HTTPField] = [
        HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy),
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: frameOptions, value: "DENY"),
        HTTPField(name: referrerPolicy, value: "no-referrer"),
        HTTPField(name: openerPolicy, value: "same-origin"),
        HTTPField(name: permissionsPolicy, value: "camera=(), microphone=(), geolocation=()"),
    ]

    private static let frameOptions = HTTPField.Name("X-Frame-Options")!
    private static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    private static let openerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    private static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
}
