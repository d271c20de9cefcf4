import Foundation
import StructuredLogging

/// A sink that keeps every line in memory, for assertions.
final class CollectingSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]] = []

    func write(line: [UInt8]) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }

    var lines: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    /// The single line logged, parsed as a JSON object.
    func onlyObject(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let lines = self.lines
        try #require(lines.count == 1, "expected one line, got \(lines.count)", sourceLocation: sourceLocation)
        return try parseLine(lines[0])
    }
}

struct NotAJSONObject: Error {}

/// Parses one line: it must end with exactly one newline and hold one JSON object.
func parseLine(_ line: [UInt8]) throws -> [String: Any] {
    guard line.last == 0x0A, !line.dropLast().contains(0x0A) else { throw NotAJSONObject() }
    guard let object = try JSONSerialization.jsonObject(with: Data(line.dropLast())) as? [String: Any] else {
        throw NotAJSONObject()
    }
    return object
}

import Testing
