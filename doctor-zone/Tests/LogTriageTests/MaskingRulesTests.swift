import Testing
@testable import LogTriage

@Suite("Masking rules: which part of a token is a variable")
struct MaskingRulesTests {
    /// (token, constant bytes kept: 0 = variable, all = literal, key length = key/value)
    static let cases: [(String, Int)] = [
        ("12345", 0),
        ("-42", 0),
        ("0x7fff5fbff8c8", 0),
        ("10.251.73.220:50010", 0),
        ("blk_-6952295868487656571", 0),
        ("550e8400-e29b-41d4-a716-446655440000", 0),
        ("250ms", 0),
        ("2005-06-03-15.42.50.675872", 0),
        ("proxy.example.com:8080", 0),
        ("/var/log/messages", 0),
        ("'/udev/sda'", 0),
        ("./run.sh", 0),
        ("https://example.com/a", 0),
        ("Dec", 0),
        ("Sunday", 0),
        ("INFO", 0),
        ("WARN", 0),
        ("[notice]", 0),
        ("<error>", 0),
        ("user=alice", 5),
        ("totalSteps=1234", 11),
        ("onExtend:1514038530000", 9),
        ("rhost=", 6),
        ("ruser=", 6),
        ("error", 5),
        ("may", 3),
        ("connection", 10),
        ("Exception:", 10),
        ("(reserved)", 10),
        ("()", 0),
        ("\"\"", 0),
        ("****", 4),
        ("chrome.exe", 10),
        ("a/b", 3),
        ("key:value", 9),
    ]

    @Test("constant prefix of a token", arguments: cases)
    func constantPrefix(token: String, expected: Int) {
        var token = token
        let kept = token.withUTF8 { MaskingRules.constantPrefixLength(UnsafeRawBufferPointer($0)) }
        #expect(kept == expected, "\(token)")
    }

    @Test("plain words are letters with closing punctuation at most, or punctuation only", arguments: [
        ("failed", true), ("Exception:", true), ("done.", true), ("chrome.exe", false),
        ("pam_unix", false), ("****", true), ("-", true), ("x1", false), ("a-b", false),
    ])
    func plainWord(token: String, expected: Bool) {
        var token = token
        let plain = token.withUTF8 { MaskingRules.isPlainWord(UnsafeRawBufferPointer($0)) }
        #expect(plain == expected, "\(token)")
    }
}
