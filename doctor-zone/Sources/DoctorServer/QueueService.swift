import ChatOps
import ServiceLifecycle

/// Runs a job queue as a lifecycle service: on graceful shutdown it stops intake and lets running
/// jobs finish within the queue's grace period.
struct QueueService: Service {
    let queues: [JobQueue]

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for queue in queues {
                    group.addTask { await queue.run() }
                }
            }
        } onGracefulShutdown: {
            for queue in queues { queue.beginShutdown() }
        }
    }
}
