import Foundation
import Logging
import NIOConcurrencyHelpers

/// What happened to a submitted job.
public enum SubmitOutcome: Sendable, Equatable {
    /// Accepted; `position` 0 means it starts now, n > 0 that it waits behind n - 1 others.
    case accepted(jobId: String, position: Int)
    /// The same request (or the same work) is already known under this job id: not run again.
    case duplicate(jobId: String)
    /// The waiting line is full.
    case full
    /// The server is shutting down and takes no new work.
    case shuttingDown
}

/// A bounded job queue with limited concurrency and de-duplication.
///
/// - `key` identifies a request (Slack `trigger_id`, or a hash of the signed body): a key seen within
///   `dedupWindow` is never run twice (Slack retries).
/// - `workKey` identifies the work (same command, same arguments, same channel): while such a job is
///   waiting or running, an identical one collapses into it.
/// `run()` drives the jobs; `beginShutdown()` stops intake, drops jobs that have not started
/// (calling their `abandon`) and lets running ones finish within `gracePeriod`.
public final class JobQueue: Sendable {
    public struct Job: Sendable {
        let id: String
        let work: @Sendable () async -> Void
        let abandon: @Sendable () async -> Void
    }

    struct State {
        var waiting: [String] = []
        var running: Set<String> = []
        var seenKeys: [String: (jobId: String, at: Date)] = [:]
        var seenOrder: [String] = []
        var workKeys: [String: String] = [:]
        var workKeyOfJob: [String: String] = [:]
        var shuttingDown = false
        var nextNumber = 0
    }

    public let maxConcurrent: Int
    public let capacity: Int
    public let dedupWindow: TimeInterval
    public let gracePeriod: Duration
    private let maxRemembered: Int
    private let state = NIOLockedValueBox(State())
    private let stream: AsyncStream<Job>
    private let continuation: AsyncStream<Job>.Continuation
    private let shutdownStream: AsyncStream<Void>
    private let shutdownContinuation: AsyncStream<Void>.Continuation
    private let idPrefix: String
    /// A `JobExecutor` (typed `Sendable` here so the type needs no availability check); nil runs jobs on the shared pool.
    private let executor: (any Sendable)?

    /// `dedicatedThreads`: run jobs on a `JobExecutor` with threads of their own (stopped when `run()` returns).
    public init(maxConcurrent: Int, capacity: Int, dedupWindow: TimeInterval = 3_600, gracePeriod: Duration = .seconds(8),
                maxRemembered: Int = 10_000, dedicatedThreads: Bool = false)
    {
        if dedicatedThreads, #available(macOS 15.0, *) {
            executor = JobExecutor(threads: max(1, maxConcurrent))
        } else {
            executor = nil
        }
        self.maxConcurrent = max(1, maxConcurrent)
        self.capacity = max(0, capacity)
        self.dedupWindow = dedupWindow
        self.gracePeriod = gracePeriod
        self.maxRemembered = max(1, maxRemembered)
        (stream, continuation) = AsyncStream.makeStream(of: Job.self)
        (shutdownStream, shutdownContinuation) = AsyncStream.makeStream(of: Void.self)
        idPrefix = String(UInt32.random(in: 0x1000...0xFFFF), radix: 16)
    }

    /// Jobs accepted but not started yet.
    public var waitingCount: Int { state.withLockedValue { $0.waiting.count } }
    public var runningCount: Int { state.withLockedValue { $0.running.count } }
    public var isShuttingDown: Bool { state.withLockedValue { $0.shuttingDown } }

    /// Submits work. `work` receives the job id. Cheap and non-blocking: safe on the request path.
    public func submit(
        key: String,
        workKey: String? = nil,
        now: Date = Date(),
        work: @escaping @Sendable (String) async -> Void,
        abandon: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> SubmitOutcome {
        let decision: (SubmitOutcome, Job?) = state.withLockedValue { state in
            if state.shuttingDown { return (.shuttingDown, nil) }
            if let seen = state.seenKeys[key], now.timeIntervalSince(seen.at) < dedupWindow {
                return (.duplicate(jobId: seen.jobId), nil)
            }
            if let workKey, let existing = state.workKeys[workKey] {
                return (.duplicate(jobId: existing), nil)
            }
            let busy = state.running.count + state.waiting.count
            let position = busy < maxConcurrent ? 0 : busy - maxConcurrent + 1
            if position > capacity { return (.full, nil) }
            state.nextNumber += 1
            let id = "\(idPrefix)-\(state.nextNumber)"
            state.waiting.append(id)
            remember(key: key, jobId: id, now: now, in: &state)
            if let workKey {
                state.workKeys[workKey] = id
                state.workKeyOfJob[id] = workKey
            }
            let job = Job(id: id, work: { await work(id) }, abandon: { await abandon(id) })
            return (.accepted(jobId: id, position: position), job)
        }
        if let job = decision.1 { continuation.yield(job) }
        return decision.0
    }

    private func remember(key: String, jobId: String, now: Date, in state: inout State) {
        if state.seenKeys[key] == nil { state.seenOrder.append(key) }
        state.seenKeys[key] = (jobId, now)
        if state.seenOrder.count > maxRemembered {
            let drop = state.seenOrder.count - maxRemembered
            for old in state.seenOrder.prefix(drop) { state.seenKeys[old] = nil }
            state.seenOrder.removeFirst(drop)
        }
    }

    /// Stops intake. Idempotent; callable from any context (e.g. a graceful-shutdown handler).
    public func beginShutdown() {
        let first = state.withLockedValue { state in
            defer { state.shuttingDown = true }
            return !state.shuttingDown
        }
        guard first else { return }
        continuation.finish()
        shutdownContinuation.finish()
    }

    /// Runs jobs until `beginShutdown()`, then finishes running jobs within the grace period
    /// (after which they are cancelled). Returns when everything has stopped.
    public func run() async {
        await withTaskGroup(of: Bool.self) { outer in
            outer.addTask {
                await self.drive()
                return true
            }
            outer.addTask {
                for await _ in self.shutdownStream {}
                try? await Task.sleep(for: self.gracePeriod)
                return false
            }
            _ = await outer.next()
            outer.cancelAll()
        }
        if #available(macOS 15.0, *), let executor = executor as? JobExecutor { await executor.shutdown() }
    }

    private func drive() async {
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for await job in stream {
                while inFlight >= maxConcurrent {
                    await group.next()
                    inFlight -= 1
                }
                let started = state.withLockedValue { state -> Bool in
                    state.waiting.removeAll { $0 == job.id }
                    if state.shuttingDown { return false }
                    state.running.insert(job.id)
                    return true
                }
                inFlight += 1
                let body: @Sendable () async -> Void = {
                    if started { await job.work() } else { await job.abandon() }
                    self.finished(job.id)
                }
                if #available(macOS 15.0, *), let executor = executor as? JobExecutor {
                    group.addTask(executorPreference: executor, operation: body)
                } else {
                    group.addTask(operation: body)
                }
            }
            await group.waitForAll()
        }
    }

    private func finished(_ id: String) {
        state.withLockedValue { state in
            state.running.remove(id)
            if let workKey = state.workKeyOfJob.removeValue(forKey: id) { state.workKeys[workKey] = nil }
        }
    }
}
