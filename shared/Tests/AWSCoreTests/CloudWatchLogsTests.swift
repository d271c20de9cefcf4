import CloudTestSupport
import Foundation
import Testing
@testable import AWSCore

@Suite("CloudWatch Logs batching rules")
struct LogEventBatcherTests {
    typealias Event = CloudWatchLogsShapes.InputLogEvent

    @Test("more than 10,000 events split at 10,000")
    func eventCount() {
        let events = (0..<25_001).map { Event(timestamp: Int64($0), message: "m") }
        #expect(LogEventBatcher().batches(events).map(\.count) == [10_000, 10_000, 5_001])
    }

    @Test("bytes count the message plus 26 per event, up to 1,048,576")
    func byteLimit() {
        // 1,022 × 1,026 = 1,048,572 fits; a 1,023rd event (1,049,598) would not.
        let events = (0..<2_100).map { Event(timestamp: Int64($0), message: String(repeating: "x", count: 1_000)) }
        let batches = LogEventBatcher().batches(events)
        #expect(batches.map(\.count) == [1_022, 1_022, 56])
        #expect(batches.allSatisfy { $0.reduce(0) { $0 + $1.message.utf8.count + 26 } <= 1_048_576 })
    }

    @Test("events are put in time order, equal times keep their order")
    func chronological() {
        let events = [Event(timestamp: 30, message: "c"), Event(timestamp: 10, message: "a1"), Event(timestamp: 20, message: "b"),
                      Event(timestamp: 10, message: "a2")]
        #expect(LogEventBatcher().batches(events).flatMap { $0 }.map(\.message) == ["a1", "a2", "b", "c"])
    }

    @Test("no batch spans 24 hours")
    func span() {
        let hour: Int64 = 3_600_000
        let events = [0, 1, 23, 24, 30, 47, 48].map { Event(timestamp: $0 * hour, message: "m") }
        let batches = LogEventBatcher().batches(events)
        #expect(batches.map { $0.map { $0.timestamp / hour } } == [[0, 1, 23], [24, 30, 47], [48]])
    }

    @Test("an event over 256 KiB is cut and marked, not dropped")
    func oversized() {
        let event = Event(timestamp: 1, message: String(repeating: "é", count: 200_000))  // 400,000 bytes
        let batch = LogEventBatcher().batches([event])
        #expect(batch.count == 1 && batch[0].count == 1)
        let message = batch[0][0].message
        #expect(message.hasSuffix(LogEventBatcher.truncationMarker))
        #expect(message.utf8.count + 26 <= 262_144)
    }
}

/// CloudWatch Logs against moto's server (`AWS_EMULATOR_URL`, started by scripts/test).
@Suite("CloudWatch Logs against moto")
struct CloudWatchLogsMotoTests {
    static func client() throws -> CloudWatchLogsClient {
        let url = try ToolLocator.emulatorURL()
        return try CloudWatchLogsClient.standard(environment: [
            "AWS_ENDPOINT_URL": url, "AWS_REGION": "us-east-1", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "AKIDTESTING", "AWS_SECRET_ACCESS_KEY": "fake-test-secret",
        ])
    }

    static func uniqueGroup(_ name: String) -> String { "/test/\(name)/\(UUID().uuidString.prefix(8))" }

    @Test("2,500 events in three streams come back complete and in order over many pages")
    func pagingToTheEnd() async throws {
        let logs = try Self.client()
        let group = Self.uniqueGroup("paging")
        try await logs.ensureLogGroup(group)
        try await logs.ensureLogGroup(group)  // existing is fine
        let now = Int64(Date().timeIntervalSince1970 * 1000) - 600_000
        for stream in 0..<3 {
            try await logs.ensureLogStream(group: group, stream: "s\(stream)")
            let events = (0..<834).compactMap { i -> CloudWatchLogsShapes.InputLogEvent? in
                let n = i * 3 + stream
                return n < 2_500 ? .init(timestamp: now + Int64(n), message: "event \(n)") : nil
            }
            let put = try await logs.putLogEvents(group: group, stream: "s\(stream)", events: events)
            #expect(put.rejected == 0)
        }
        let result = try await logs.filterLogEvents(.init(logGroups: [group], pageSize: 100))
        #expect(result.events.count == 2_500)
        #expect(result.pages >= 25)
        #expect(!result.capped)
        #expect(result.events.map(\.message) == (0..<2_500).map { "event \($0)" })
        #expect(Set(result.events.compactMap(\.source)) == ["s0", "s1", "s2"])
    }

    @Test("a cap stops reading and says so; a time window and a filter pattern narrow the events; several groups are read")
    func capWindowPatternGroups() async throws {
        let logs = try Self.client()
        let groups = [Self.uniqueGroup("a"), Self.uniqueGroup("b")]
        let base = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000
        for group in groups {
            try await logs.ensureLogGroup(group)
            try await logs.ensureLogStream(group: group, stream: "app")
            _ = try await logs.putLogEvents(group: group, stream: "app", events: (0..<300).map {
                .init(timestamp: base + Int64($0) * 1000, message: $0 % 10 == 0 ? "ERROR db timeout \($0)" : "INFO ok \($0)")
            })
        }
        let capped = try await logs.filterLogEvents(.init(logGroups: groups, maxEvents: 120, pageSize: 50))
        #expect(capped.events.count == 120)
        #expect(capped.capped)
        let window = try await logs.filterLogEvents(.init(logGroups: [groups[0]], start: Date(timeIntervalSince1970: Double(base + 100_000) / 1000),
                                                          end: Date(timeIntervalSince1970: Double(base + 199_000) / 1000)))
        #expect(window.events.count == 100)
        let errors = try await logs.filterLogEvents(.init(logGroups: groups, filterPattern: "ERROR"))
        #expect(errors.events.count == 60)
        #expect(errors.events.allSatisfy { $0.message.hasPrefix("ERROR") })
        #expect(Set(errors.events.compactMap { $0.fields["logGroup"] }) == Set(groups))
    }

    @Test("a 12,000-event put goes out in two batches and all of it arrives")
    func bigBatch() async throws {
        let logs = try Self.client()
        let group = Self.uniqueGroup("big")
        try await logs.ensureLogGroup(group)
        try await logs.ensureLogStream(group: group, stream: "bulk")
        let start = Int64(Date().timeIntervalSince1970 * 1000) - 60_000
        let put = try await logs.putLogEvents(group: group, stream: "bulk", events: (0..<12_000).map {
            .init(timestamp: start + Int64($0 / 1000), message: "bulk line \($0) " + String(repeating: "p", count: 40))
        })
        #expect(put == .init(batches: 2, accepted: 12_000, rejected: 0))
        let read = try await logs.filterLogEvents(.init(logGroups: [group], pageSize: 10_000))
        #expect(read.events.count == 12_000)
    }

    @Test("a missing log group is ResourceNotFoundException, not retried")
    func missingGroup() async throws {
        let logs = try Self.client()
        do {
            _ = try await logs.filterLogEvents(.init(logGroups: ["/does/not/exist/\(UUID())"]))
            Issue.record("expected an error")
        } catch let error as AWSError {
            #expect(error.code == "ResourceNotFoundException")
            #expect(error.attempts == 1)
        }
    }

    @Test("Logs Insights: StartQuery then GetQueryResults until Complete")
    func insights() async throws {
        let logs = try Self.client()
        let group = Self.uniqueGroup("insights")
        try await logs.ensureLogGroup(group)
        try await logs.ensureLogStream(group: group, stream: "app")
        let now = Date()
        _ = try await logs.putLogEvents(group: group, stream: "app", events: (0..<20).map {
            .init(timestamp: Int64(now.timeIntervalSince1970 * 1000) - 60_000 + Int64($0), message: "line \($0)")
        })
        let result = try await logs.runInsightsQuery(logGroups: [group], start: now.addingTimeInterval(-3600), end: now.addingTimeInterval(60),
                                                     queryString: "fields @timestamp, @message | sort @timestamp desc | limit 5",
                                                     pollInterval: .milliseconds(100))
        #expect(result.status == "Complete")
        #expect(!result.rows.isEmpty)
        #expect(result.rows.allSatisfy { $0["@message"]?.hasPrefix("line ") == true })
    }

    @Test("STS AssumeRoleWithWebIdentity over the Query protocol against moto")
    func stsAgainstMoto() async throws {
        let url = try ToolLocator.emulatorURL()
        let sts = STSClient(client: AWSClient(service: .sts, region: "us-east-1", endpoint: AWSEndpoint(url: url)!, credentials: nil))
        let credentials = try await sts.assumeRoleWithWebIdentity(roleArn: "arn:aws:iam::123456789012:role/doctor", sessionName: "s1",
                                                                 webIdentityToken: CredentialChainTests.fakeJWT, durationSeconds: 900)
        #expect(!credentials.accessKeyId.isEmpty && !credentials.secretAccessKey.isEmpty)
        #expect(credentials.sessionToken != nil)
        let expiration = try #require(credentials.expiration)
        #expect(expiration > Date())
    }
}

@Suite("CloudWatch Logs paging with throttling (loopback fake)")
struct CloudWatchLogsThrottlingTests {
    @Test("a throttled page is retried and paging resumes with the same nextToken")
    func throttledPage() async throws {
        try await LoopbackServer.run(handler: { request, index in
            let body = (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
            let token = body["nextToken"] as? String
            if token == "p2" && index == 2 {
                return .json(#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, status: 400)
            }
            switch token {
            case nil: return .json(#"{"events":[{"logStreamName":"s","timestamp":1000,"message":"one","eventId":"1"}],"nextToken":"p2"}"#)
            case "p2": return .json(#"{"events":[{"logStreamName":"s","timestamp":2000,"message":"two","eventId":"2"}],"nextToken":"p3"}"#)
            default: return .json(#"{"events":[{"logStreamName":"s","timestamp":3000,"message":"three","eventId":"3"}]}"#)
            }
        }) { base, log in
            let logs = CloudWatchLogsClient(client: AWSClientRetryTests.client(base))
            let result = try await logs.filterLogEvents(.init(logGroups: ["/g"]))
            #expect(result.events.map(\.message) == ["one", "two", "three"])
            #expect(result.pages == 3)
            #expect(await log.count == 4)
        }
    }
}
