import CloudTestSupport
import Crypto
import Foundation
import _CryptoExtras
@testable import CloudClients

/// Loopback fakes of Vertex AI, Bedrock Runtime and Google's token endpoints, speaking their documented formats.
enum Fakes {
    /// A Vertex `GenerateContentResponse` whose single candidate's text is `text`.
    static func vertexAnswer(_ text: String, finishReason: String = "STOP", input: Int = 1200, output: Int = 300) -> CannedResponse {
        let object: [String: Any] = [
            "candidates": [["content": ["role": "model", "parts": [["text": text]]], "finishReason": finishReason, "index": 0]],
            "usageMetadata": ["promptTokenCount": input, "candidatesTokenCount": output, "totalTokenCount": input + output],
            "modelVersion": "gemini-2.0-flash-001",
        ]
        return .json(String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    /// A Bedrock `InvokeModel` answer in the Anthropic Messages format.
    static func claudeAnswer(_ text: String, input: Int = 2000, output: Int = 500, stopReason: String = "end_turn") -> CannedResponse {
        let object: [String: Any] = [
            "id": "msg_bdrk_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-20250514",
            "content": [["type": "text", "text": text]], "stop_reason": stopReason, "stop_sequence": NSNull(),
            "usage": ["input_tokens": input, "output_tokens": output],
        ]
        return .json(String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self),
                     headers: ["x-amzn-RequestId": UUID().uuidString, "X-Amzn-Bedrock-Input-Token-Count": "\(input)"])
    }

    /// A Bedrock error as the service sends it: status, `x-amzn-ErrorType`, `{"message": …}`.
    static func bedrockError(_ type: String, status: Int) -> CannedResponse {
        .json(#"{"message":"\#(type) from the fake"}"#, status: status, headers: ["x-amzn-ErrorType": "\(type):http://internal.amazon.com/coral/com.amazon.bedrock/"])
    }

    static func json(_ request: RecordedRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
    }

    static let analysisJSON = """
    {"summary":"Database connections time out","rootCause":"The RDS instance refuses new connections: the pool waits and times out",
     "severity":"high","confidence":0.8,"signature":null,
     "claims":[{"text":"Requests fail because database connections time out","evidenceIds":["E1"]},
               {"text":"A deploy at 09:00 caused it","evidenceIds":["E1"]},
               {"text":"Disk is full","evidenceIds":["E99"]}],
     "remediation":"raise max_connections on the RDS parameter group"}
    """

    static let reviewJSON = """
    {"reviews":[{"index":1,"verdict":"supported","note":"E1 shows the timeouts"},
                {"index":2,"verdict":"unsupported","note":"nothing in E1 mentions a deploy"},
                {"index":3,"verdict":"contradicted","note":"no disk errors anywhere"}]}
    """

    static let prescriptionJSON = #"""
    {"explanation":"Raise the connection limit so the pool stops timing out.",
     "terraform":"resource \"aws_db_parameter_group\" \"main\" {\n  name   = \"patient-db\"\n  family = \"mysql8.0\"\n\n  parameter {\n    name  = \"max_connections\"\n    value = \"400\"\n  }\n}\n",
     "files":[]}
    """#

    /// A fresh RSA key as a service-account JSON key file pointing at `tokenURI`.
    static func serviceAccountKey(tokenURI: String) throws -> (path: String, publicKey: _RSA.Signing.PublicKey) {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let object: [String: Any] = [
            "type": "service_account", "project_id": "doctor-test", "private_key_id": "kid-1",
            "private_key": key.pemRepresentation, "client_email": "doctor@doctor-test.iam.gserviceaccount.com",
            "client_id": "1", "token_uri": tokenURI,
        ]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sa-\(UUID().uuidString).json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return (path, key.publicKey)
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base)
    }
}
