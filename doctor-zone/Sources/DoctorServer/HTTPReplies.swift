import ChatOps
import Foundation
import Hummingbird

/// Small response builders: JSON bodies, and the error shape `{"error":{"code","message"}}`.
enum HTTPReplies {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: value.encoded())))
    }

    static func error(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        json(["error": ["code": .string(code), "message": .string(message)]], status: status)
    }

    static func ephemeral(_ text: String) -> Response {
        json(["response_type": "ephemeral", "text": .string(text)])
    }

    static func text(_ body: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
