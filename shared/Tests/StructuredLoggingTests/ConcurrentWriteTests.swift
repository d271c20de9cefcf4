import Foundation
import Logging
import StructuredLogging
import Testing

/// Drains a pipe on its own thread until EOF (a blocked read must not hold a cooperative-pool thread).
private final class PipeReader: @unchecked Sendable {
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(descriptor: Int32) {
        self.descriptor = descriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 { data.append(contentsOf: buffer[0..<count]) }
                else if count < 0 && errno == EINTR { continue }
                else { break }
            }
            done.signal()
        }
    }

    /// Waits for EOF and returns everything read.
    func finish() -> Data {
        done.wait()
        return data
    }
}

@Suite("Concurrent logging to one pipe")
struct ConcurrentWriteTests {
    @Test("many tasks logging at once into a pipe: every line is whole and parses as JSON")
    func linesNeverInterleave() async throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let reader = PipeReader(descriptor: ends[0])
        let sink = FileDescriptorSink(fileDescriptor: ends[1])

        let tasks = 12, linesPerTask = 200
        // Sizes around and well past PIPE_BUF (4096): without the sink's guarantees, a pipe splits
        // and interleaves such writes.
        let sizes = [10, 200, 4_000, 5_000, 20_000]
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    let logger = Logger(label: "worker-\(task)") { JSONLogHandler(label: $0, service: "test", sink: sink) }
                    for line in 0..<linesPerTask {
                        let size = sizes[(task + line) % sizes.count]
                        let filler = String(repeating: Character(UnicodeScalar(UInt8(97 + task))), count: size)
                        logger.info("\(filler)", metadata: ["task": "\(task)", "line": "\(line)"])
                    }
                }
            }
        }
        close(ends[1])
        let data = reader.finish()
        close(ends[0])

        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.last?.isEmpty == true, "output must end with a newline")
        let objects = lines.dropLast()
        #expect(objects.count == tasks * linesPerTask)
        var seen = Set<String>()
        for line in objects {
            let object = try #require(try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                                      "a line is not a JSON object: \(String(decoding: line.prefix(120), as: UTF8.self))")
            let task = try #require(Int(object["task"] as? String ?? ""))
            let message = try #require(object["message"] as? String)
            let letter = UInt8(97 + task)
            #expect(message.utf8.allSatisfy { $0 == letter }, "message of task \(task) holds another task's bytes")
            seen.insert("\(task)/\(object["line"] as? String ?? "")")
        }
        #expect(seen.count == tasks * linesPerTask)
    }
}
