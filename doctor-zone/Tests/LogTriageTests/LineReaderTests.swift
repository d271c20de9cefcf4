import Foundation
import Testing
@testable import LogTriage

@Suite("Line reader")
struct LineReaderTests {
    @Test("lines that straddle chunks, CRLF endings, a missing final newline and over-long lines", arguments: [1, 7, 64, 1 << 20])
    func splitsLines(chunk: Int) throws {
        let long = String(repeating: "x", count: 300)
        let text = "first\r\nsecond line\n\n\(long)\nlast without newline"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).log")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        var reader = LineReader()
        reader.chunkSize = chunk
        reader.maxLineBytes = 100
        var lines: [String] = []
        try reader.forEachLine(fileDescriptor: fd) { lines.append(String(decoding: $0, as: UTF8.self)) }
        #expect(lines == ["first\r", "second line", "", String(repeating: "x", count: 100), "last without newline"])
    }
}
