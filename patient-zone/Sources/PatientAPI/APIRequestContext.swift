import Hummingbird
import NIOCore
import Synchronization

/// What middlewares and handlers learn about a request, shared by reference because the
/// context is copied down the middleware chain (the access log reads what a handler wrote).
public final class RequestObservation: Sendable {
    private struct State {
        var userID: Int64?
        var errorCode: String?
    }
    private let state = Mutex(State())  // in the object itself: one allocation per request

    public init() {}

    public var userID: Int64? {
        get { state.withLock { $0.userID } }
        set { state.withLock { $0.userID = newValue } }
    }

    /// The root-cause code of an error answer, for the access log.
    public var errorCode: String? {
        get { state.withLock { $0.errorCode } }
        set { state.withLock { $0.errorCode = newValue } }
    }
}

/// The request context of the Patient API.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer (the ALB when behind one).
    public let peerAddress: String?
    public let observation = RequestObservation()
    /// Set by the access-log middleware (incoming `X-Request-Id` or a new one).
    public var requestID = ""
    /// The client's address after `X-Forwarded-For` processing.
    public var clientAddress = "unknown"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    public var maxUploadSize: Int { 64 * 1024 }
}
