import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Runs job tasks on threads of their own, so slow, CPU-heavy diagnoses never occupy the
/// cooperative threads that answer Slack. On Linux its threads also run at a lower priority
/// (nice 10), so when the CPUs are saturated the scheduler still favours acknowledgements.
/// Stop it (`shutdown()`) when the queue has drained.
@available(macOS 15.0, *)
public final class JobExecutor: TaskExecutor {
    private let pool: NIOThreadPool

    public init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        // A job must run even if the pool is stopping, or its task would never finish.
        pool.submit { _ in
            Self.lowerThreadPriority()
            unowned.runSynchronously(on: executor)
        }
    }

    /// Per-thread on Linux (each thread has its own nice value); idempotent and cheap.
    static func lowerThreadPriority() {
        #if os(Linux)
        // On Linux `who == 0` means the calling thread, not the whole process.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
