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

    @Option(help: "Distinct words at one position of otherwise identical messages that make it a variable.")
    var variableThreshold: Int = MinerConfiguration.default.variableThreshold

    func run() throws {
        let descriptor: Int32 = file == "-" ? 0 : open(file, O_RDONLY)
        guard descriptor >= 0 else {
            throw ValidationError("cannot open \(file): \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        var miner = TemplateMiner(configuration: MinerConfiguration(variableThreshold: variableThreshold))
        let output = BufferedOutput(descriptor: 1)
        // Mine while spooling each line's cluster id to an unlinked temporary file (4 bytes a
        // line on disk, a fixed buffer in memory), then print every line with its cluster's
        // final template: memory stays flat, the input is read once, pipes work.
        var spool = try ClusterIDSpool()
        try LineReader.forEachLine(descriptor) { line in spool.append(UInt32(truncatingIfNeeded: miner.add(line))) }
        var printer = TemplatePrinter()
        try spool.forEach { id in printer.write(cluster: Int(id), of: miner, to: output) }
        try output.flush()
    }
}

/// Cluster ids, one per line, kept in a fixed buffer that spills to an unlinked temporary file.
struct ClusterIDSpool {
    struct SpoolError: Error, CustomStringConvertible {
        let description: String
    }

    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt32] = []
    private var failed = false
    private static let chunk = 1 << 16

    init() throws {
        guard let file = tmpfile() else {
            throw SpoolError(description: "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        self.file = file
        buffer.reserveCapacity(Self.chunk)
    }

    mutating func append(_ id: UInt32) {
        buffer.append(id)
        if buffer.count == Self.chunk { spill() }
    }

    private mutating func spill() {
        let wrote = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if wrote != buffer.count * 4 { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` for every id in order, then closes the file.
    mutating func forEach(_ body: (UInt32) -> Void) throws {
        defer { fclose(file) }
        spill()
        guard !failed, fflush(file) == 0 else { throw SpoolError(description: "cannot write the temporary file") }
        rewind(file)
        buffer = Array(repeating: 0, count: Self.chunk)
        while true {
            let got = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 4, Self.chunk, file) }
            for index in 0..<got { body(buffer[index]) }
            if got < Self.chunk { break }
        }
        if ferror(file) != 0 { throw SpoolError(description: "cannot read the temporary file") }
    }
}

/// Renumbers clusters densely in order of first appearance and caches each rendered line prefix.
struct TemplatePrinter {
    private var outputID: [Int32] = []
    /// Every rendered output line (`<id>\t<template>\n`), back to back, and where each starts.
    private var arena: [UInt8] = []
    private var lineStart: [Int] = [0]

    mutating func write(cluster: Int, of miner: TemplateMiner, to output: BufferedOutput) {
        let canonical = miner.canonicalID(ofCluster: cluster)
        if canonical >= outputID.count {
            outputID.append(contentsOf: repeatElement(-1, count: miner.clusterCount - outputID.count))
        }
        var id = outputID[canonical]
        if id < 0 {
            id = Int32(lineStart.count - 1)
            outputID[canonical] = id
            arena.append(contentsOf: String(id).utf8)
            arena.append(0x09)
            miner.appendTemplate(ofCluster: canonical, to: &arena)
            arena.append(0x0A)
            lineStart.append(arena.count)
        }
        let start = lineStart[Int(id)]
        let end = lineStart[Int(id) + 1]
        arena.withUnsafeBytes { output.write(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
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
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var failure: Int32 = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit { buffer.deallocate() }

    func write(_ bytes: UnsafeRawBufferPointer) {
        if used + bytes.count > buffer.count {
            drain()
            if bytes.count > buffer.count {
                send(bytes)
                return
            }
        }
        (buffer.baseAddress! + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    func flush() throws {
        drain()
        if failure != 0 {
            throw ValidationError("write failed: \(String(cString: strerror(failure)))")
        }
    }

    private func drain() {
        send(UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
        used = 0
    }

    private func send(_ bytes: UnsafeRawBufferPointer) {
        guard failure == 0 else { return }
        var offset = 0
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
}

@inline(__always)
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
