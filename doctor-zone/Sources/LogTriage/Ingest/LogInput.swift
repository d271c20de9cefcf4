#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CloudDoctorModels
import Foundation

/// Where log lines come from: a file or standard input. (CloudWatch events arrive as records:
/// feed them with `LogIngestor.feed(record:…)`.)
public enum LogInput: Sendable, Hashable {
    case file(String)
    case standardInput

    /// `-` is standard input.
    public init(argument: String) {
        self = argument == "-" ? .standardInput : .file(argument)
    }

    public var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "stdin"
        }
    }
}

public struct LogInputError: Error, Sendable, CustomStringConvertible {
    public var input: String
    public var reason: String
    public var description: String { "\(input): \(reason)" }
}

extension LogIngestor {
    /// Streams one input through the ingestor: memory stays one read buffer plus one pending event.
    /// `progress` gets the bytes read so far after every chunk.
    public mutating func read(_ input: LogInput, reader: LineReader = LineReader(), progress: (Int) -> Void = { _ in },
                              emit: (LogEvent) -> Void) throws(LogInputError) {
        let fd: Int32
        switch input {
        case .standardInput:
            fd = 0
        case .file(let path):
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw LogInputError(input: path, reason: String(cString: strerror(errno)))
            }
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw LogInputError(input: path, reason: "is a directory") }
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw LogInputError(input: path, reason: String(cString: strerror(errno))) }
        }
        defer { if fd != 0 { close(fd) } }
        let source = input == .standardInput ? nil : (input.name as NSString).lastPathComponent
        do {
            try reader.forEachLine(fileDescriptor: fd, progress: progress) { line in
                feed(line: line, source: source, emit: emit)
            }
        } catch {
            throw LogInputError(input: input.name, reason: "read failed: \(error)")
        }
        finish(emit: emit)
    }

    /// One CloudWatch Logs event (from `FilterLogEvents`): its message may be one of our JSON lines,
    /// plain text, or a continuation of the previous event (a stack trace split by the awslogs driver).
    public mutating func feed(record message: String, timestamp: Date?, stream: String?, emit: (LogEvent) -> Void) {
        statistics.lines += 1
        statistics.bytes += message.utf8.count
        feedRecord(Array(message.utf8), timestamp: timestamp, stream: stream, emit: emit)
    }
}
