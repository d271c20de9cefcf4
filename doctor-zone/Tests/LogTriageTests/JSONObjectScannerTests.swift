import CloudDoctorModels
import Foundation
import Testing
@testable import LogTriage

@Suite("Ingest: byte-level JSON scanner")
struct JSONObjectScannerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var line: String
        /// Fields the scanner must produce (exactly these), or nil when it must leave the line to JSONSerialization.
        var fields: [String: String]?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "flat strings", line: #"{"a":"x","b":"y z"}"#, fields: ["a": "x", "b": "y z"]),
        Case(name: "whitespace everywhere", line: " { \"a\" : \"x\" ,\t\"b\" :\"y\" } ", fields: ["a": "x", "b": "y"]),
        Case(name: "empty object", line: "{}", fields: [:]),
        Case(name: "simple escapes", line: #"{"m":"a\"b\\c\/d\n\t\r\b\f"}"#, fields: ["m": "a\"b\\c/d\n\t\r\u{08}\u{0C}"]),
        Case(name: "escaped key", line: #"{"k\"ey":"v"}"#, fields: ["k\"ey": "v"]),
        Case(name: "unicode escapes", line: #"{"m":"caf\u00e9 \u20ac"}"#, fields: ["m": "café €"]),
        Case(name: "surrogate pair", line: #"{"m":"\ud83d\ude00!"}"#, fields: ["m": "😀!"]),
        Case(name: "raw UTF-8", line: #"{"m":"naïve 日本"}"#, fields: ["m": "naïve 日本"]),
        Case(name: "numbers as JSONSerialization describes them",
             line: #"{"i":200,"n":-7,"z":-0,"f":1.5,"w":1.0,"e":1e3,"ms":1795797602093}"#,
             fields: ["i": "200", "n": "-7", "z": "0", "f": "1.5", "w": "1", "e": "1000", "ms": "1795797602093"]),
        Case(name: "booleans and null", line: #"{"t":true,"f":false,"n":null}"#, fields: ["t": "1", "f": "0"]),
        Case(name: "nested objects flatten with dots",
             line: #"{"req":{"method":"GET","url":"/x"},"res":{"statusCode":200},"a":{"b":{"c":{"d":"deep"}}}}"#,
             fields: ["req.method": "GET", "req.url": "/x", "res.statusCode": "200", "a.b.c.d": "deep"]),
        // left to JSONSerialization: it decides, the scanner must not guess
        Case(name: "arrays", line: #"{"a":[1,2]}"#, fields: nil),
        Case(name: "objects nested past three levels", line: #"{"a":{"b":{"c":{"d":{"e":1}}}}}"#, fields: nil),
        Case(name: "numbers of more than 15 digits", line: #"{"a":12345678901234567890}"#, fields: nil),
        Case(name: "repeated key", line: #"{"a":"x","a":{"b":"y"}}"#, fields: nil),
        Case(name: "repeated nested key", line: #"{"r":{"a":"x","a":null}}"#, fields: nil),
        Case(name: "lone high surrogate", line: #"{"m":"\ud83d"}"#, fields: nil),
        Case(name: "lone low surrogate", line: #"{"m":"\ude00"}"#, fields: nil),
        Case(name: "unknown escape", line: #"{"m":"\x"}"#, fields: nil),
        Case(name: "control character in a string", line: "{\"m\":\"a\u{01}b\"}", fields: nil),
        Case(name: "cut off", line: #"{"level":"error","message":"cut"#, fields: nil),
        Case(name: "trailing text", line: #"{"a":"x"} tail"#, fields: nil),
        Case(name: "leading zero", line: #"{"a":01}"#, fields: nil),
        Case(name: "bare word", line: #"{"a":nope}"#, fields: nil),
        Case(name: "missing colon", line: #"{"a" "x"}"#, fields: nil),
        Case(name: "trailing comma", line: #"{"a":"x",}"#, fields: nil),
    ]

    @Test("reads what it can be sure of, and leaves the rest to JSONSerialization", arguments: cases)
    func scans(_ c: Case) {
        let view = JSONObjectScanner.scan(Array(c.line.utf8))
        #expect(view?.fields == c.fields)
    }

    @Test("invalid UTF-8 inside a string is left to JSONSerialization")
    func invalidUTF8() {
        let line = Array(#"{"m":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        #expect(JSONObjectScanner.scan(line) == nil)
    }

    @Test("every line the scanner accepts gives the same result as the JSONSerialization path", arguments: cases)
    func agreesWithFoundation(_ c: Case) {
        let bytes = Array(c.line.utf8)
        guard JSONObjectScanner.scan(bytes) != nil else { return }
        let parser = JSONLineParser()
        #expect(Self.describe(parser.parse(bytes)) == Self.describe(parser.parseWithFoundation(bytes)))
    }

    @Test("the fast path and the JSONSerialization path agree on every JSON line of the example logs")
    func agreesOnExamples() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".log") }.sorted()
        #expect(files.count >= 10)
        let parser = JSONLineParser()
        var compared = 0
        var scanned = 0
        for file in files {
            let text = try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                let bytes = Array(line.utf8)
                if JSONObjectScanner.scan(bytes) != nil { scanned += 1 }
                let fast = Self.describe(parser.parse(bytes))
                let slow = Self.describe(parser.parseWithFoundation(bytes))
                #expect(fast == slow, "\(file): \(line)")
                compared += 1
            }
        }
        #expect(compared > 5_000)
        // the point of the fast path: it takes (nearly) every line our services write
        #expect(scanned * 100 >= compared * 95)
    }

    @Test("malformed JSON lines are counted and kept as text, never a crash", arguments: [
        #"{"level":"error","message":"cut off"#, #"{"a":}"#, #"{"a":"\ud83d"}"#, #"{"a":1}}"#, #"{"a":"x"} tail"#,
    ])
    func malformedCounted(_ line: String) {
        let (events, stats) = ingest([line])
        #expect(stats.malformed == 1)
        #expect(events.count == 1)
        #expect(events.first?.message == line)
    }

    /// A comparable rendering of a parse result (LogEvent is Hashable, CloudWatch records are not).
    static func describe(_ result: JSONLineParser.Result) -> String {
        switch result {
        case .event(let e):
            let fields = e.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return "event ts=\(e.timestamp?.timeIntervalSince1970 ?? -1) level=\(e.level?.rawValue ?? "-") "
                + "source=\(e.source ?? "-") message=\(e.message) fields=\(fields)"
        case .cloudWatch(let records):
            return "cloudWatch " + records.map { "\($0.timestamp?.timeIntervalSince1970 ?? -1) \($0.stream ?? "-") \($0.message)" }
                .joined(separator: "|")
        case .malformed:
            return "malformed"
        }
    }
}
