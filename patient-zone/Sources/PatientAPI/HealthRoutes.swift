import Hummingbird

/// `GET /healthz` (the process answers; never touches the database) and `GET /readyz` (MySQL answers).
struct HealthRoutes {
    let store: any UserStore

    func register(on router: Router<APIRequestContext>) {
        router.get("/healthz") { _, _ in
            Response.json(.ok, "{\"status\":\"ok\"}")
        }
        router.get("/readyz") { _, _ in
            await store.isHealthy()
                ? Response.json(.ok, "{\"status\":\"ready\"}")
                : Response.json(.serviceUnavailable, "{\"status\":\"unavailable\"}")
        }
    }
}
