import CloudDoctorModels
import Foundation

/// Reads and parses inputs on a thread of its own while the caller consumes the events, in order,
/// on its thread: ingestion and triage each take one core. Memory stays bounded: at most
/// `queuedBatches` batches of `batchSize` events wait between the two.
public struct ConcurrentReader: Sendable {
    public var options: LogIngestor.Options
    public var batchSize = 2048
    public var queuedBatches = 8

    public init(options: LogIngestor.Options = LogIngestor.Options()) {
        self.options = options
    }

    /// Streams every input through a `LogIngestor` on a reading thread and hands each event to
    /// `consume` on the calling thread. `progress` gets the bytes read so far (all inputs), on the
    /// calling thread. A read error stops reading; the events before it are consumed, then it is thrown.
    public func read(
        _ inputs: [LogInput],
        progress: (Int) -> Void = { _ in },
        consume: (LogEvent) -> Void
    ) throws(LogInputError) -> IngestStatistics {
        let channel = EventChannel(capacity: max(1, queuedBatches))
        let options = options
        let batchSize = max(1, batchSize)
        let thread = Thread {
            var ingestor = LogIngestor(options: options)
            var batch: [LogEvent] = []
            batch.reserveCapacity(batchSize)
            var before = 0
            var failure: LogInputError?
            for input in inputs {
                do throws(LogInputError) {
                    try ingestor.read(input, progress: { channel.setBytes(before + $0) }) { event in
                        batch.append(event)
                        if batch.count >= batchSize {
                            channel.put(batch)
                            batch = []
                            batch.reserveCapacity(batchSize)
                        }
                    }
                } catch {
                    failure = error
                    break
                }
                before = ingestor.statistics.bytes
            }
            if !batch.isEmpty { channel.put(batch) }
            channel.close(statistics: ingestor.statistics, failure: failure)
        }
        thread.name = "doctor-ingest"
        thread.start()
        while let (batch, bytes) = channel.take() {
            for event in batch { consume(event) }
            progress(bytes)
        }
        let (statistics, failure) = channel.result()
        if let failure { throw failure }
        return statistics
    }
}

/// A bounded queue of event batches between one reading thread and one consuming thread.
private final class EventChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [[LogEvent]] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var bytes = 0
    private var statistics = IngestStatistics()
    private var failure: LogInputError?

    init(capacity: Int) {
        self.capacity = capacity
    }

    func put(_ batch: [LogEvent]) {
        condition.lock()
        while batches.count - head >= capacity { condition.wait() }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func setBytes(_ n: Int) {
        condition.lock()
        bytes = n
        condition.unlock()
    }

    /// The next batch and the bytes read so far; nil once the reader is done and the queue is empty.
    func take() -> ([LogEvent], Int)? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count, !closed { condition.wait() }
        guard head < batches.count else { return nil }
        let batch = batches[head]
        batches[head] = []
        head += 1
        if head == batches.count {
            batches.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return (batch, bytes)
    }

    func close(statistics: IngestStatistics, failure: LogInputError?) {
        condition.lock()
        self.statistics = statistics
        self.failure = failure
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func result() -> (IngestStatistics, LogInputError?) {
        condition.lock()
        defer { condition.unlock() }
        return (statistics, failure)
    }
}
