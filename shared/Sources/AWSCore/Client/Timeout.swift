/// Runs `operation`, failing with `AWSTimeoutError` when it takes longer than `limit`; the loser is cancelled.
public func withTimeout<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw AWSTimeoutError()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw AWSTimeoutError() }
        return first
    }
}
