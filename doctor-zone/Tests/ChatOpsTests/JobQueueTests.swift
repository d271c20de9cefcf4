import ChatOps
import CloudTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

/// Records which jobs ran, in order.
final class Recorder: Sendable {
    private let box = NIOLockedValueBox([String]())
    func add(_ value: String) { box.withLockedValue { $0.append(value) } }
    var values: [String] { box.withLockedValue { $0 } }
}

@Suite struct JobQueueTests {
    @Test func sameKeyRunsOnceEvenWhenSubmittedAgainLater() async throws {
        let queue = JobQueue(maxConcurrent: 2, capacity: 4)
        let ran = Recorder()
        let runner = Task { await queue.run() }
        let first = queue.submit(key: "trigger:1", work: { ran.add($0) })
        guard case .accepted(let id, 0) = first else { Issue.record("first not accepted: \(first)"); return }
        try await waitUntil { ran.values.count == 1 }
        #expect(queue.submit(key: "trigger:1", work: { ran.add($0) }) == .duplicate(jobId: id))
        queue.beginShutdown()
        await runner.value
        #expect(ran.values == [id])
    }

    @Test func identicalWorkInFlightCollapsesAndIsAcceptedAgainAfterwards() async throws {
        let queue = JobQueue(maxConcurrent: 1, capacity: 4)
        let gate = Gate()
        let ran = Recorder()
        let runner = Task { await queue.run() }
        let first = queue.submit(key: "a", workKey: "analyze|g", work: { ran.add($0); await gate.wait() })
        guard case .accepted(let id, _) = first else { Issue.record("not accepted"); return }
        #expect(queue.submit(key: "b", workKey: "analyze|g", work: { ran.add($0) }) == .duplicate(jobId: id))
        gate.open()
        try await waitUntil { queue.runningCount == 0 && ran.values.count == 1 }
        guard case .accepted = queue.submit(key: "c", workKey: "analyze|g", work: { ran.add($0) }) else {
            Issue.record("same work after the first finished should run")
            return
        }
        try await waitUntil { ran.values.count == 2 }
        queue.beginShutdown()
        await runner.value
    }

    @Test func positionsCountTheWaitingLineAndAFullLineRefuses() async throws {
        let queue = JobQueue(maxConcurrent: 2, capacity: 2)
        let gate = Gate()
        let runner = Task { await queue.run() }
        var outcomes: [SubmitOutcome] = []
        for index in 0..<5 {
            outcomes.append(queue.submit(key: "k\(index)", work: { _ in await gate.wait() }))
        }
        let positions = outcomes.map { outcome -> Int in
            if case .accepted(_, let position) = outcome { return position }
            return -1
        }
        #expect(positions == [0, 0, 1, 2, -1])
        #expect(outcomes[4] == .full)
        gate.open()
        queue.beginShutdown()
        await runner.value
    }

    @Test func shutdownFinishesRunningJobsAndAbandonsWaitingOnes() async throws {
        let queue = JobQueue(maxConcurrent: 1, capacity: 4, gracePeriod: .seconds(60))
        let finished = Recorder()
        let abandoned = Recorder()
        let runner = Task { await queue.run() }
        _ = queue.submit(key: "running", work: { id in
            try? await Task.sleep(for: .milliseconds(300))
            finished.add(id)
        }, abandon: { abandoned.add($0) })
        try await waitUntil { queue.runningCount == 1 }
        _ = queue.submit(key: "waiting", work: { finished.add($0) }, abandon: { abandoned.add($0) })
        queue.beginShutdown()
        #expect(queue.submit(key: "late", work: { finished.add($0) }) == .shuttingDown)
        await runner.value
        #expect(finished.values.count == 1)
        #expect(abandoned.values.count == 1)
    }

    @Test func shutdownCancelsJobsThatOutliveTheGracePeriod() async throws {
        let queue = JobQueue(maxConcurrent: 1, capacity: 1, gracePeriod: .milliseconds(200))
        let cancelled = Recorder()
        let runner = Task { await queue.run() }
        _ = queue.submit(key: "slow", work: { id in
            do { try await Task.sleep(for: .seconds(30)) } catch { cancelled.add(id) }
        })
        try await waitUntil { queue.runningCount == 1 }
        let start = ContinuousClock.now
        queue.beginShutdown()
        await runner.value
        #expect(cancelled.values.count == 1)
        // The job would sleep 30 s; returning well before that proves it was cancelled.
        #expect(ContinuousClock.now - start < .seconds(25))
    }
}

/// Polls a condition instead of sleeping a fixed time. The bound is generous because the whole
/// test run shares two cores: CPU-heavy suites (Loghub mining, bcrypt) can hold both cooperative
/// threads for several seconds, and a condition met late is still met.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within 60 s")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}
