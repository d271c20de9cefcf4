import Foundation
import Hummingbird
import Logging
import MySQL
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Builds the whole API from its configuration: pool, store, hasher, limiter, routes, services.
public struct PatientAPIApplication: Sendable {
    public let configuration: PatientAPIConfiguration
    public let pool: MySQLPool
    public let store: MySQLUserStore
    public let hasher: BCryptPasswordHasher
    public let chaos: ChaosController
    public let metrics: APIMetrics
    let logger: Logger

    public init(configuration: PatientAPIConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        pool = MySQLPool(configuration: configuration.mysql, logger: logger)
        store = MySQLUserStore(pool: pool)
        hasher = try BCryptPasswordHasher(
            cost: configuration.bcryptCost, concurrency: configuration.hashConcurrency,
            queueTimeout: configuration.hashQueueTimeout, slowThreshold: configuration.effectiveSlowHashThreshold, logger: logger)
        chaos = ChaosController(pool: pool, store: store, hasher: hasher, logger: logger)
        metrics = APIMetrics()
    }

    /// The router with every route of the contract behind the access log and error mapping.
    public func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: AccessLogMiddleware(
            logger: logger, metrics: metrics,
            clients: ClientAddressResolver(trustedProxies: configuration.trustedProxies)))
        if let webRoot = configuration.webRoot {
            WebFrontEnd(rootFolder: webRoot, logger: logger).register(on: router)
        }
        let limiter = LoginRateLimiter(attemptsPerIP: configuration.loginAttemptsPerIP, ipWindow: configuration.loginIPWindow)
        let auth = AuthService(store: store, hasher: hasher, limiter: limiter,
                               failuresPerEmail: configuration.loginFailuresPerEmail, emailWindow: configuration.loginEmailWindow,
                               sessionLifetime: configuration.sessionLifetime, logger: logger)
        HealthRoutes(store: store).register(on: router)
        AuthRoutes(auth: auth, bodies: JSONBodyReader(maxBytes: configuration.maxBodyBytes)).register(on: router)
        OperationsRoutes(metrics: metrics, pool: pool, hasher: hasher, chaos: chaos,
                         chaosToken: configuration.chaosToken, openAPIDocument: Self.openAPIDocument())
            .register(on: router)
        return router
    }

    /// The HTTP application; its services close the pool after the server stops.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            services: [
                ResourceCloser(pool: pool, hasher: hasher),
                MemoryWatchdog(limitBytes: configuration.memoryWarningBytes, interval: .seconds(5), logger: logger),
            ],
            logger: logger
        )
    }

    /// Makes the NIO event loops (one per core) Swift Concurrency's global executor, so a request's
    /// handler runs on the event loop that read it instead of hopping to the cooperative pool and
    /// back. Safe here because no blocking call runs on the global executor: MySQL and bcrypt have
    /// their own threads. Call once, at the start of `serve`, before the server starts.
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// `openapi.yaml` from the target's resources.
    public static func openAPIDocument() -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url)
        else { return Array("openapi: 3.1.0\n".utf8) }
        return [UInt8](data)
    }
}
