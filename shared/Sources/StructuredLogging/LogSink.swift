/// Where finished log lines go. A sink receives one complete line at a time — a JSON object followed
/// by `\n` — and must write it whole: never split it, never interleave it with another line.
/// Implementations must be safe to call from many threads at once.
public protocol LogSink: Sendable {
    func write(line: [UInt8])
}
