#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a file descriptor in fixed-size chunks and hands out its lines without their newline.
/// Memory is one chunk plus the longest line (lines longer than `maxLineBytes` are cut).
public struct LineReader: Sendable {
    public var chunkSize = 1 << 20
    /// Longer lines are cut to this (one byte over the ingestor's limit, so it can count them).
    public var maxLineBytes = 64 * 1024 + 1

    public init() {}

    /// Calls `body` for every line; `progress` after every chunk with the bytes read so far.
    /// Throws the `errno` of a failed read.
    public func forEachLine(
        fileDescriptor fd: Int32,
        progress: (Int) -> Void = { _ in },
        _ body: (ArraySlice<UInt8>) throws -> Void
    ) throws {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var carry: [UInt8] = []
        var carryOverflow = false
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if n == 0 { break }
            total += n
            var start = 0
            while start < n {
                let newline: Int? = buffer.withUnsafeBytes { raw in
                    guard let p = memchr(raw.baseAddress! + start, 0x0A, n - start) else { return nil }
                    return raw.baseAddress!.distance(to: UnsafeRawPointer(p))
                }
                guard let end = newline else {
                    if carry.count < maxLineBytes {
                        carry.append(contentsOf: buffer[start..<min(n, start + maxLineBytes - carry.count)])
                    } else {
                        carryOverflow = true
                    }
                    break
                }
                if carry.isEmpty && !carryOverflow {
                    try body(buffer[start..<min(end, start + maxLineBytes)])
                } else {
                    if carry.count < maxLineBytes {
                        carry.append(contentsOf: buffer[start..<min(end, start + maxLineBytes - carry.count)])
                    }
                    try body(carry[...])
                    carry.removeAll(keepingCapacity: true)
                    carryOverflow = false
                }
                start = end + 1
            }
            progress(total)
        }
        if !carry.isEmpty { try body(carry[...]) }
    }
}
