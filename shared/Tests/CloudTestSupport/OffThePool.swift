import Foundation

/// Runs blocking work (waiting on a child process, a blocking socket or C call) on a thread of its
/// own, so it never holds one of the few cooperative threads that every other test shares.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }
        thread.start()
    }
}
