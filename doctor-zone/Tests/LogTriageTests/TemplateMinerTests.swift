import Testing
@testable import LogTriage

@Suite("Template miner: clustering behaviour")
struct TemplateMinerTests {
    /// Lines that must end in one cluster, and lines that must not join it.
    struct GroupingCase: Sendable, CustomStringConvertible {
        let description: String
        let together: [String]
        let apart: [String]
    }

    static let groupingCases: [GroupingCase] = [
        GroupingCase(
            description: "numbers, ids and addresses are variables",
            together: [
                "PacketResponder 1 for block blk_38865049064139660 terminating",
                "PacketResponder 0 for block blk_-6952295868487656571 terminating",
            ],
            apart: ["PacketResponder 1 for block blk_38865049064139660 started"]),
        GroupingCase(
            description: "timestamps and levels in a header do not split an event",
            together: [
                "2015-10-18 18:01:47,978 INFO [main] Created MRAppMaster for application appattempt_1445144423722_0020_000001",
                "2015-10-19 09:12:01,002 WARN [main] Created MRAppMaster for application appattempt_1445144423722_0021_000001",
                "[Sun Dec 04 04:47:44 2005] [notice] Created MRAppMaster for application appattempt_1_2_3",
            ],
            apart: ["2015-10-18 18:01:47,978 INFO [main] Destroyed MRAppMaster for application appattempt_1_2_3"]),
        GroupingCase(
            description: "a variable of several tokens in brackets is one variable",
            together: [
                "close, 0 bytes sent, 0 bytes received",
                "close, 1235 bytes (1.20 KB) sent, 5 bytes (5.00 KB) received",
            ],
            apart: ["open, 0 bytes sent"]),
        GroupingCase(
            description: "a word that takes many values between constant words becomes a variable",
            together: [
                "Invalid user alice from 10.0.0.1",
                "Invalid user bob from 10.0.0.2",
                "Invalid user carol from 10.0.0.3",
                "Invalid user dave from 10.0.0.4",
            ],
            apart: ["Invalid password from 10.0.0.5"]),
        GroupingCase(
            description: "key=value values are variables",
            together: ["session opened uid=0 user=root", "session opened uid=1000 user=alice"],
            apart: ["session closed uid=0 user=root"]),
        GroupingCase(
            description: "a name where other messages had a variable is a variable",
            together: [
                "[10.30 16:49:06] chrome.exe - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS",
                "[10.30 16:49:07] AcroRd32.exe - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS",
                "[10.30 16:49:08] firefox.exe - proxy.example.com:5070 open through proxy proxy.example.com:5070 HTTPS",
            ],
            apart: []),
    ]

    @Test("grouping", arguments: groupingCases)
    func grouping(_ example: GroupingCase) {
        var miner = TemplateMiner()
        let together = example.together.map { miner.add($0) }
        let apart = example.apart.map { miner.add($0) }
        let clusters = Set(together.map { miner.canonicalID(ofCluster: $0) })
        #expect(clusters.count == 1, "expected one cluster, got \(clusters.count): \(clusters.map { miner.template(ofCluster: $0) })")
        for id in apart {
            #expect(!clusters.contains(miner.canonicalID(ofCluster: id)), "\(miner.template(ofCluster: id)) should be apart")
        }
    }

    /// Two values are not enough to call a word a variable; a lone word between variables is an event name.
    @Test("words that name different events stay apart", arguments: [
        ["Disconnecting: Too many authentication failures for admin [preauth]",
         "Disconnecting: Too many authentication failures for root [preauth]"],
        ["2579921 node-140 action start 1074216940 1 boot (command 1911)",
         "2579922 node-141 action start 1074216941 1 halt (command 1912)",
         "2579923 node-142 action start 1074216942 1 wait (command 1913)",
         "2579924 node-143 action start 1074216943 1 reboot (command 1914)"],
    ])
    func keywordsStayApart(lines: [String]) {
        var miner = TemplateMiner()
        let ids = lines.map { miner.add($0) }
        let clusters = Set(ids.map { miner.canonicalID(ofCluster: $0) })
        #expect(clusters.count == lines.count)
    }

    @Test("a template writes variables as <*>")
    func templateText() {
        var miner = TemplateMiner()
        let first = miner.add("Connection from 10.0.0.1 port 22 user=alice")
        _ = miner.add("Connection from 10.0.0.2 port 2222 user=bob")
        #expect(miner.template(ofCluster: first) == "Connection from <*> port <*> user=<*>")
    }

    @Test("cluster ids are dense and start at 0")
    func denseIds() {
        var miner = TemplateMiner()
        #expect(miner.clusterCount == 0)
        #expect(miner.add("alpha happened") == 0)
        #expect(miner.add("beta happened twice") == 1)
        #expect(miner.add("alpha happened") == 0)
        #expect(miner.clusterCount == 2)
        #expect(miner.templateCount == 2)
    }

    @Test("memory follows templates, not lines")
    func boundedByTemplates() {
        var miner = TemplateMiner(configuration: MinerConfiguration(signatureCacheLimit: 64))
        for index in 0..<20_000 {
            _ = miner.add("request \(index) took \(index % 977)ms from 10.0.\(index % 255).1")
            _ = miner.add("worker \(index % 7) finished job \(index)")
        }
        #expect(miner.clusterCount == 2)
    }

    @Test("any bytes are accepted: invalid UTF-8, NUL, empty, very long lines")
    func hostileBytes() {
        var miner = TemplateMiner()
        let inputs: [[UInt8]] = [
            [], [0x20, 0x20], [0xFF, 0xFE, 0x00, 0x41], [0xC3, 0x28, 0x20, 0x31],
            Array(repeating: 0x5B, count: 5000), Array(repeating: 0x61, count: 100_000),
            Array((0..<2000).flatMap { _ in [UInt8](arrayLiteral: 0x78, 0x20) }),
        ]
        for input in inputs {
            let id = input.withUnsafeBytes { miner.add($0) }
            #expect(id >= 0 && id < miner.clusterCount)
            _ = miner.template(ofCluster: id)
        }
    }
}
