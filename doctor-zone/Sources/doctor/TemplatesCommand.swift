import ArgumentParser
import LogTriage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `doctor templates FILE`: one `<cluster-id>\t<template>` line per input line, in order,
/// with each cluster's template as it stands after the whole input.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Mine log templates: prints <cluster-id><TAB><template> for every input line."
    )

    @Argument(help: "A log file, one message per line (`-` for standard input).")
    var file: String

    func run() throws {
        let descriptor: Int32 = file == "-" ? 0 : open(file, O_RDONLY)
        guard descriptor >= 0 else {
            throw ValidationError("cannot open \(file): \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var miner = TemplateMiner()
        let output = BufferedOutput(descriptor: 1)
        // A regular file is read twice (mine, then print), so memory stays flat;
        // a pipe keeps one cluster id per line.
        if lseek(descriptor, 0, SEEK_CUR) >= 0 && isRegularFile(descriptor) {
            try LineReader.forEachLine(descriptor) { line in _ = miner.add(line) }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw ValidationError("cannot rewind \(file)") }
            var printer = TemplatePrinter()
            try LineReader.forEachLine(descriptor) { line in
                let id = miner.add(line)   // every signature is cached: a lookup, no change
                printer.write(cluster: id, of: miner, to: output)
            }
        } else {
            var ids: [UInt32] = []
            try LineReader.forEachLine(descriptor) { line in ids.append(UInt32(miner.add(line))) }
            var printer = TemplatePrinter()
            for id in ids { printer.write(cluster: Int(id), of: miner, to: output) }
        }
        try output.flush()
    }

    private func isRegularFile(_ descriptor: Int32) -> Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

/// Renumbers clusters densely in order of first appearance and caches each rendered line prefix.
struct TemplatePrinter {
    private var outputID: [Int32] = []
    private var rendered: [[UInt8]] = []

    mutating func write(cluster: Int, of miner: TemplateMiner, to output: BufferedOutput) {
        let canonical = miner.canonicalID(ofCluster: cluster)
        if canonical >= outputID.count {
            outputID.append(contentsOf: repeatElement(-1, count: miner.clusterCount - outputID.count))
        }
        var id = outputID[canonical]
        if id < 0 {
            id = Int32(rendered.count)
            outputID[canonical] = id
            var line = Array(String(id).utf8)
            line.append(0x09)
            miner.appendTemplate(ofCluster: canonical, to: &line)
            line.append(0x0A)
            rendered.append(line)
        }
        output.write(rendered[Int(id)])
    }
}

/// Reads a descriptor in 1 MiB chunks and calls `body` once per line (without `\n` or a final `\r`).
enum LineReader {
    struct ReadError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "read failed: \(String(cString: strerror(code)))" }
    }

    static func forEachLine(_ descriptor: Int32, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        let capacity = 1 << 20
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        var endOfFile = false
        while !endOfFile {
            if filled == buffer.count {
                // A line longer than the buffer: grow it.
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
            let got = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(code: errno)
            }
            if got == 0 { endOfFile = true }
            filled += got
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            var lineStart = 0
            while let newline = firstNewline(bytes, from: lineStart) {
                body(trimmed(bytes, lineStart, newline))
                lineStart = newline + 1
            }
            if endOfFile && lineStart < filled {
                body(trimmed(bytes, lineStart, filled))
                lineStart = filled
            }
            let rest = filled - lineStart
            if rest > 0 && lineStart > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + lineStart, byteCount: rest)
            }
            filled = rest
        }
    }

    @inline(__always)
    private static func firstNewline(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        guard let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else { return nil }
        return UnsafeRawPointer(found) - bytes.baseAddress!
    }

    @inline(__always)
    private static func trimmed(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        var end = end
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}

/// Collects output bytes and writes them to a descriptor in large blocks.
final class BufferedOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { drain() }
    }

    func flush() throws {
        drain()
        if failure != 0 {
            throw ValidationError("write failed: \(String(cString: strerror(failure)))")
        }
    }

    private func drain() {
        guard failure == 0 else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let wrote = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if wrote < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += wrote
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
