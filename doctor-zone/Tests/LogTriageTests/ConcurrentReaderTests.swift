import CloudDoctorModels
import Foundation
import Testing
@testable import LogTriage

@Suite("Ingest: reading on a thread of its own")
struct ConcurrentReaderTests {
    static func writeLog(lines: Int) throws -> String {
        var text = ""
        for n in 0..<lines {
            let second = String(format: "%02d", n % 60)
            if n % 7 == 0 {
                text += "2026-11-27 17:20:\(second),000 - app.db - ERROR - query \(n) failed\n"
                text += "Traceback (most recent call last):\n  File \"/app/db.py\", line \(n), in run\nTimeoutError: \(n)\n"
            } else {
                text += #"{"timestamp":"2026-11-27T17:20:\#(second).000Z","level":"info","message":"request \#(n) completed","logger":"api"}"# + "\n"
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("concurrent-\(UUID().uuidString).log").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("events arrive in order, the same as reading on one thread, for any batch size", arguments: [1, 3, 2048])
    func sameAsSequential(batchSize: Int) throws {
        let path = try Self.writeLog(lines: 1_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sequential = LogIngestor()
        var expected: [LogEvent] = []
        try sequential.read(.file(path)) { expected.append($0) }

        var reader = ConcurrentReader()
        reader.batchSize = batchSize
        reader.queuedBatches = 2
        var events: [LogEvent] = []
        var lastProgress = 0
        let statistics = try reader.read([.file(path), .file(path)], progress: { lastProgress = $0 }) { events.append($0) }
        #expect(events == expected + expected)
        #expect(statistics.events == 2 * sequential.statistics.events)
        #expect(statistics.lines == 2 * sequential.statistics.lines)
        #expect(lastProgress == statistics.bytes)
    }

    @Test("a missing input stops reading after the events before it, and is thrown")
    func failureAfterEvents() throws {
        let path = try Self.writeLog(lines: 50)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var events = 0
        #expect(throws: LogInputError.self) {
            _ = try ConcurrentReader().read([.file(path), .file("/nonexistent/doctor.log")]) { _ in events += 1 }
        }
        #expect(events > 40)
    }
}
