/// A one-shot latch for tests: every `wait()` suspends until `open()` is called once.
public final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    public init() { (stream, continuation) = AsyncStream.makeStream(of: Void.self) }

    public func wait() async { for await _ in stream {} }

    public func open() { continuation.finish() }
}
