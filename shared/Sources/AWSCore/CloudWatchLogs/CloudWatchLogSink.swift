import Foundation
import StructuredLogging

/// A `LogSink` that ships lines to CloudWatch Logs in batches. `write` only appends to a buffer
/// (never blocks on the network); `run()` flushes every `flushInterval` and once more when cancelled.
/// Nothing is lost silently: a batch that still fails after the client's retries is written to the
/// fallback sink (stderr by default) after a line saying how many lines it holds and why; lines over
/// the buffer limit go straight to the fallback with a count.
public final class CloudWatchLogSink: LogSink, @unchecked Sendable {
    public struct FlushReport: Sendable, Hashable {
        public var delivered: Int
        public var rejected: Int
        public var spilled: Int
    }

    private let logs: CloudWatchLogsClient
    private let group: String
    private let stream: String
    private let flushInterval: Duration
    private let maxBuffered: Int
    private let fallback: any LogSink
    private let lock = NSLock()
    private var buffer: [CloudWatchLogsShapes.InputLogEvent] = []
    private var overflowed = 0
    private var destinationReady = false

    public init(logs: CloudWatchLogsClient, group: String, stream: String, flushInterval: Duration = .seconds(5),
                maxBuffered: Int = 100_000, fallback: any LogSink = FileDescriptorSink(fileDescriptor: 2)) {
        self.logs = logs
        self.group = group
        self.stream = stream
        self.flushInterval = flushInterval
        self.maxBuffered = max(1, maxBuffered)
        self.fallback = fallback
    }

    public func write(line: [UInt8]) {
        var message = line
        while message.last == UInt8(ascii: "\n") || message.last == UInt8(ascii: "\r") { message.removeLast() }
        let event = CloudWatchLogsShapes.InputLogEvent(timestamp: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)),
                                                       message: String(decoding: message, as: UTF8.self))
        let accepted: Bool = lock.withLock {
            guard buffer.count < maxBuffered else { overflowed += 1; return false }
            buffer.append(event)
            return true
        }
        if !accepted { fallback.write(line: line.last == UInt8(ascii: "\n") ? line : line + [UInt8(ascii: "\n")]) }
    }

    /// Lines waiting for the next flush.
    public var pending: Int { lock.withLock { buffer.count } }

    /// Flushes every `flushInterval` until the task is cancelled, then flushes what is left.
    public func run() async {
        // Flushes run in their own task: cancelling `run` ends the loop, never a batch in flight.
        while !Task.isCancelled {
            try? await Task.sleep(for: flushInterval)
            _ = await Task { await self.flush() }.value
        }
        _ = await Task { await self.flush() }.value
    }

    /// Sends what is buffered now. Never throws: what cannot be delivered goes to the fallback sink.
    @discardableResult
    public func flush() async -> FlushReport {
        let (events, overflow) = lock.withLock { () -> ([CloudWatchLogsShapes.InputLogEvent], Int) in
            defer { buffer.removeAll(keepingCapacity: true); overflowed = 0 }
            return (buffer, overflowed)
        }
        if overflow > 0 {
            notice("cloudwatch sink: buffer full; \(overflow) lines were written to stderr instead", count: overflow, code: "BufferFull")
        }
        guard !events.isEmpty else { return FlushReport(delivered: 0, rejected: 0, spilled: 0) }
        do {
            if !lock.withLock({ destinationReady }) {
                try await logs.ensureLogGroup(group)
                try await logs.ensureLogStream(group: group, stream: stream)
                lock.withLock { destinationReady = true }
            }
            let result = try await logs.putLogEvents(group: group, stream: stream, events: events)
            if result.rejected > 0 {
                notice("cloudwatch sink: the service rejected \(result.rejected) lines as too old or too new", count: result.rejected,
                       code: "Rejected")
            }
            return FlushReport(delivered: result.accepted, rejected: result.rejected, spilled: 0)
        } catch {
            let code = (error as? AWSError)?.code ?? "Error"
            notice("cloudwatch sink: \(events.count) lines not delivered (\(code)); they follow on stderr", count: events.count, code: code)
            for event in events { fallback.write(line: Array(event.message.utf8) + [UInt8(ascii: "\n")]) }
            return FlushReport(delivered: 0, rejected: 0, spilled: events.count)
        }
    }

    private func notice(_ message: String, count: Int, code: String) {
        let object: [String: Any] = [
            "timestamp": ISO8601DateFormatter().string(from: Date()), "level": "error", "label": "CloudWatchLogSink",
            "message": message, "count": count, "code": code, "logGroup": group,
        ]
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            fallback.write(line: Array(data) + [UInt8(ascii: "\n")])
        }
    }
}
