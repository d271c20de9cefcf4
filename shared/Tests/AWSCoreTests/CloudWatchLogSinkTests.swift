import CloudTestSupport
import Foundation
import StructuredLogging
import Testing
@testable import AWSCore

/// Collects what a sink falls back to.
final class CapturingSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [String] = []
    func write(line: [UInt8]) { lock.withLock { captured.append(String(decoding: line, as: UTF8.self)) } }
    var lines: [String] { lock.withLock { captured } }
}

@Suite("CloudWatch log sink")
struct CloudWatchLogSinkTests {
    static func line(_ n: Int) -> [UInt8] {
        Array(#"{"level":"info","message":"request \#(n) done","service":"patient-api"}"#.utf8) + [UInt8(ascii: "\n")]
    }

    @Test("lines written to the sink arrive in CloudWatch (moto), complete and in order")
    func deliversToMoto() async throws {
        let logs = try CloudWatchLogsMotoTests.client()
        let group = CloudWatchLogsMotoTests.uniqueGroup("sink")
        let fallback = CapturingSink()
        let sink = CloudWatchLogSink(logs: logs, group: group, stream: "api-1", fallback: fallback)
        for n in 0..<3_000 { sink.write(line: Self.line(n)) }
        #expect(sink.pending == 3_000)
        let report = await sink.flush()
        #expect(report == .init(delivered: 3_000, rejected: 0, spilled: 0))
        #expect(sink.pending == 0)
        #expect(fallback.lines.isEmpty)
        let read = try await logs.filterLogEvents(.init(logGroups: [group]))
        #expect(read.events.map(\.message) == (0..<3_000).map { String(decoding: Self.line($0).dropLast(), as: UTF8.self) })
    }

    @Test("run() flushes on its interval and once more when cancelled")
    func runLoop() async throws {
        let logs = try CloudWatchLogsMotoTests.client()
        let group = CloudWatchLogsMotoTests.uniqueGroup("sink-run")
        let sink = CloudWatchLogSink(logs: logs, group: group, stream: "s", flushInterval: .milliseconds(50))
        let task = Task { await sink.run() }
        for n in 0..<10 { sink.write(line: Self.line(n)) }
        try await Task.sleep(for: .milliseconds(300))
        for n in 10..<20 { sink.write(line: Self.line(n)) }
        task.cancel()
        await task.value
        let read = try await logs.filterLogEvents(.init(logGroups: [group]))
        #expect(read.events.count == 20)
    }

    @Test("throttled puts are retried and delivered")
    func throttlingRetried() async throws {
        try await LoopbackServer.run(handler: { request, _ in
            let target = request.header("X-Amz-Target") ?? ""
            if target.hasSuffix("PutLogEvents") {
                return await Attempts.shared.next() <= 2
                    ? .json(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, status: 400)
                    : .json(#"{"nextSequenceToken":"1"}"#)
            }
            return .json("{}")
        }) { base, log in
            let sink = CloudWatchLogSink(logs: CloudWatchLogsClient(client: AWSClientRetryTests.client(base)), group: "/g", stream: "s",
                                         fallback: CapturingSink())
            for n in 0..<5 { sink.write(line: Self.line(n)) }
            #expect(await sink.flush() == .init(delivered: 5, rejected: 0, spilled: 0))
            let puts = await log.requests.filter { $0.header("X-Amz-Target") == "Logs_20140328.PutLogEvents" }
            #expect(puts.count == 3)
        }
    }

    actor Attempts {
        static let shared = Attempts()
        var count = 0
        func next() -> Int { count += 1; return count }
    }

    @Test("when CloudWatch stays unreachable the batch goes to stderr with a count, line for line")
    func spillsWithCount() async throws {
        let port = LoopbackServer.unusedPort()
        let client = AWSClientRetryTests.client("http://127.0.0.1:\(port)", maxAttempts: 2, timeout: .milliseconds(300))
        let fallback = CapturingSink()
        let sink = CloudWatchLogSink(logs: CloudWatchLogsClient(client: client), group: "/g", stream: "s", fallback: fallback)
        for n in 0..<7 { sink.write(line: Self.line(n)) }
        let report = await sink.flush()
        #expect(report.spilled == 7 && report.delivered == 0)
        let lines = fallback.lines
        #expect(lines.count == 8)
        let notice = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(notice["count"] as? Int == 7)
        #expect((notice["message"] as? String)?.contains("7 lines not delivered") == true)
        #expect(Array(lines.dropFirst()) == (0..<7).map { String(decoding: Self.line($0), as: UTF8.self) })
    }

    @Test("over the buffer limit, lines go straight to the fallback and the flush reports how many")
    func overflow() async throws {
        let port = LoopbackServer.unusedPort()
        let fallback = CapturingSink()
        let sink = CloudWatchLogSink(logs: CloudWatchLogsClient(client: AWSClientRetryTests.client("http://127.0.0.1:\(port)", maxAttempts: 1,
                                                                                                    timeout: .milliseconds(200))),
                                     group: "/g", stream: "s", maxBuffered: 10, fallback: fallback)
        for n in 0..<15 { sink.write(line: Self.line(n)) }
        #expect(sink.pending == 10)
        #expect(fallback.lines == (10..<15).map { String(decoding: Self.line($0), as: UTF8.self) })
        _ = await sink.flush()
        #expect(fallback.lines.contains { $0.contains("buffer full; 5 lines") })
    }
}

@Suite("Direct CloudWatch logging from the environment")
struct DirectCloudWatchLoggingTests {
    @Test("without CLOUDWATCH_LOG_GROUP there is no direct sink")
    func offWithoutGroup() {
        #expect(DirectCloudWatchLogging.fromEnvironment(["HOME": "/nonexistent"], service: "patient-api") == nil)
    }

    @Test("with CLOUDWATCH_LOG_GROUP, lines reach that group in moto under <service>/<host>-<pid>")
    func deliversToGroup() async throws {
        let url = try ToolLocator.emulatorURL()
        let group = CloudWatchLogsMotoTests.uniqueGroup("direct")
        let direct = try #require(DirectCloudWatchLogging.fromEnvironment([
            "CLOUDWATCH_LOG_GROUP": group, "AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1", "HOME": "/nonexistent",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "fake-test-secret",
        ], service: "patient-api"))
        direct.cloudWatch.write(line: CloudWatchLogSinkTests.line(1))
        direct.cloudWatch.write(line: CloudWatchLogSinkTests.line(2))
        #expect(await direct.cloudWatch.flush().delivered == 2)
        let read = try await CloudWatchLogsMotoTests.client().filterLogEvents(.init(logGroups: [group]))
        #expect(read.events.count == 2)
        #expect(read.events.allSatisfy { $0.source?.hasPrefix("patient-api/") == true && $0.source?.hasSuffix("-\(ProcessInfo.processInfo.processIdentifier)") == true })
    }

    @Test("a tee writes each line to every sink, in order")
    func tee() {
        let first = CapturingSink(), second = CapturingSink()
        let tee = TeeLogSink([first, second])
        tee.write(line: Array("a\n".utf8))
        tee.write(line: Array("b\n".utf8))
        #expect(first.lines == ["a\n", "b\n"] && second.lines == ["a\n", "b\n"])
    }
}
