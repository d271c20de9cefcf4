import Foundation
import Hummingbird
import CloudDoctorModels
import MySQL

/// `GET /openapi.yaml`, `GET /metrics` and `POST /chaos/{scenario}`.
struct OperationsRoutes {
    let metrics: APIMetrics
    let pool: MySQLPool
    let hasher: any PasswordHashing
    let chaos: ChaosController
    let chaosToken: String?
    let openAPIDocument: [UInt8]

    func register(on router: Router<APIRequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: openAPIDocument)))
        }
        router.get("/metrics") { _, _ in
            let stats = pool.statistics
            let text = metrics.render(
                pool: (stats.open, stats.inUse, stats.waiting, stats.size), hashQueueDepth: hasher.queueDepth)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        router.post("/chaos/{scenario}") { request, context in
            guard let chaosToken, Self.constantTimeEquals(request.headers[.init("X-Chaos-Token")!], chaosToken),
                  let scenario = context.parameters.get("scenario").flatMap(ChaosScenario.init(rawValue:))
            else { throw APIError.notFound }
            let query = request.uri.queryParameters
            let seconds = query.get("seconds").flatMap { Int($0) } ?? 60
            let megabytes = query.get("mb").flatMap { Int($0) } ?? 512
            let endsAt = chaos.start(scenario, seconds: seconds, megabytes: megabytes)
            var json = JSONText()
            json.object { body in
                body.field("scenario", scenario.rawValue)
                body.field("seconds", min(max(seconds, 1), ChaosController.maximumSeconds))
                body.field("endsAt", RFC3339.string(from: endsAt))
            }
            return Response.json(.accepted, json.bytes)
        }
    }

    static func constantTimeEquals(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let left = Array(given.utf8), right = Array(expected.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
