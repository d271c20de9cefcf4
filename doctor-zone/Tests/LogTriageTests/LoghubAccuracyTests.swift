import Foundation
import Testing
@testable import LogTriage

/// Grouping accuracy on the Loghub-2k datasets (Zhu et al., ICSE-SEIP 2019): a line is right
/// when its predicted cluster holds exactly the lines of its true group. The miner gets the raw
/// lines, headers included, with the default configuration (one for every dataset).
@Suite("Template miner accuracy on Loghub-2k")
struct LoghubAccuracyTests {
    /// Floors we reach (measured GA, rounded down); see docs/decisions.md for the figures.
    static let floors: [(String, Double)] = [
        ("Apache", 0.99), ("BGL", 0.97), ("HDFS", 0.99), ("HPC", 0.82), ("Hadoop", 0.96),
        ("HealthApp", 0.99), ("Linux", 0.74), ("OpenSSH", 0.99), ("Proxifier", 0.51),
        ("Spark", 0.99), ("Thunderbird", 0.97), ("Zookeeper", 0.98),
    ]

    @Test("grouping accuracy per dataset", arguments: floors)
    func groupingAccuracy(dataset: String, floor: Double) throws {
        let folder = try Self.datasetsFolder().appendingPathComponent(dataset)
        let log = try Data(contentsOf: folder.appendingPathComponent("\(dataset)_2k.log"))
        let truth = try Self.eventTemplates(folder.appendingPathComponent("\(dataset)_2k.log_structured.csv"))
        var miner = TemplateMiner()
        var predicted: [Int] = []
        log.withUnsafeBytes { bytes in
            for line in Self.lines(bytes) { predicted.append(miner.add(line)) }
        }
        predicted = predicted.map { miner.canonicalID(ofCluster: $0) }
        try #require(predicted.count == truth.count, "\(dataset): \(predicted.count) lines, \(truth.count) labels")
        let accuracy = Self.groupingAccuracy(truth: truth, predicted: predicted)
        #expect(accuracy >= floor, "\(dataset): GA \(accuracy) below \(floor)")
    }

    /// The same on the messages alone (the `Content` column: headers stripped by the caller).
    static let contentFloors: [(String, Double)] = [
        ("Apache", 0.99), ("BGL", 0.97), ("HDFS", 0.99), ("HPC", 0.95), ("Hadoop", 0.98),
        ("HealthApp", 0.99), ("Linux", 0.74), ("OpenSSH", 0.99), ("Proxifier", 0.52),
        ("Spark", 0.99), ("Thunderbird", 0.97), ("Zookeeper", 0.98),
    ]

    @Test("grouping accuracy per dataset on header-stripped messages", arguments: contentFloors)
    func groupingAccuracyOnMessages(dataset: String, floor: Double) throws {
        let folder = try Self.datasetsFolder().appendingPathComponent(dataset)
        let table = try Self.columns(folder.appendingPathComponent("\(dataset)_2k.log_structured.csv"),
                                     ["Content", "EventTemplate"])
        var miner = TemplateMiner()
        let predicted = table[0].map { miner.add($0) }.map { miner.canonicalID(ofCluster: $0) }
        let accuracy = Self.groupingAccuracy(truth: table[1], predicted: predicted)
        #expect(accuracy >= floor, "\(dataset): GA \(accuracy) below \(floor)")
    }

    @Test("the scorer gives 1 for a perfect grouping and less for a merge or a split")
    func scorer() {
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b"], predicted: [7, 7, 9]) == 1)
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b"], predicted: [7, 7, 7]) == 0)
        #expect(Self.groupingAccuracy(truth: ["a", "a", "b", "c"], predicted: [1, 2, 3, 4]) == 0.5)
    }

    static func groupingAccuracy(truth: [String], predicted: [Int]) -> Double {
        var predictedSize: [Int: Int] = [:]
        for id in predicted { predictedSize[id, default: 0] += 1 }
        var byTruth: [String: [Int: Int]] = [:]
        for (label, id) in zip(truth, predicted) { byTruth[label, default: [:]][id, default: 0] += 1 }
        var correct = 0
        for (_, ids) in byTruth where ids.count == 1 {
            let (id, count) = ids.first!
            if predictedSize[id] == count { correct += count }
        }
        return truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
    }

    /// Lines without `\n` and a final `\r`; no empty last line.
    static func lines(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var result: [UnsafeRawBufferPointer] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var end = index
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            if index < bytes.count || end > start { result.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
            start = index + 1
        }
        return result
    }

    /// The `EventTemplate` column of a Loghub structured CSV.
    static func eventTemplates(_ url: URL) throws -> [String] {
        try columns(url, ["EventTemplate"])[0]
    }

    /// Named columns of a Loghub structured CSV (RFC 4180 quoting).
    static func columns(_ url: URL, _ names: [String]) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                record.append(field); field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r" && pending == "\n" { pending = iterator.next() }
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { throw LoghubDataError(description: "\(url.path): empty") }
        return try names.map { name in
            guard let column = header.firstIndex(of: name) else {
                throw LoghubDataError(description: "\(url.path): no \(name) column")
            }
            return records.dropFirst().map { $0.count > column ? $0[column] : "" }
        }
    }

    /// `shared/datasets/loghub-2k` beside the checkout: `$CLOUD_DOCTOR_ROOT/../shared`, or the
    /// first ancestor of this file that holds it.
    static func datasetsFolder() throws -> URL {
        let relative = "shared/datasets/loghub-2k"
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["CLOUD_DOCTOR_ROOT"] {
            candidates.append(URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent(relative))
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent(relative))
            folder.deleteLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("HDFS").path) {
            return candidate
        }
        throw LoghubDataError(description:
            "Loghub-2k datasets not found: expected \(relative) beside the checkout (set CLOUD_DOCTOR_ROOT to the checkout)")
    }
}

struct LoghubDataError: Error, CustomStringConvertible {
    let description: String
}
