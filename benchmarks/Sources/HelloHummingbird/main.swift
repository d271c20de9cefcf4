// The ceiling for `GET /healthz` on this machine: Hummingbird 2 with one route, no middleware,
// the same event-loop setup as `patient-api serve`. `scripts/bench-api` runs it beside the API.
// Usage: hello-hummingbird PORT
import Hummingbird
import NIOCore
import NIOPosix

NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8080
let router = Router()
router.get("/healthz") { _, _ in
    Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
