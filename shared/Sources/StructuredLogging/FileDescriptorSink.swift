#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes each line to a file descriptor with one `write(2)` of the whole, already built buffer.
///
/// A lock serialises writers of this process, so lines never interleave even past `PIPE_BUF`;
/// a short write (a signal, a full pipe) is continued under the same lock before anyone else writes.
/// The sink does not own the descriptor and never closes it.
public final class FileDescriptorSink: LogSink, @unchecked Sendable {
    /// Standard output, shared by every logger that uses the default sink (one lock for one descriptor).
    public static let standardOutput = FileDescriptorSink(fileDescriptor: 1)

    private let fileDescriptor: Int32
    private let lock = NSLock()

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(line: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        line.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fileDescriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var descriptor = pollfd(fd: fileDescriptor, events: Int16(POLLOUT), revents: 0)
                    if poll(&descriptor, 1, 1000) <= 0 { return }
                } else {
                    return // closed or broken descriptor: logging must never crash the process
                }
            }
        }
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, bytes, count)
    #else
    Glibc.write(descriptor, bytes, count)
    #endif
}
