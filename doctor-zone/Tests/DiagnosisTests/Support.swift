import CloudDoctorModels
import Diagnosis
import Foundation
import LogTriage

/// Paths in the repository, found from this file.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("doctor-zone/examples")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let infra = root.appendingPathComponent("infra/aws")

    static func exampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".log") }
            .map { String($0.dropLast(4)) }.sorted()
    }
}

/// Reads a file through ingestion and triage, as `doctor diagnose` does.
func evidencePack(file path: String, triage: TriageConfiguration = TriageConfiguration()) throws -> EvidencePack {
    var ingestor = LogIngestor()
    var engine = TriageEngine(configuration: triage)
    try ingestor.read(.file(path)) { engine.add($0) }
    return engine.finish(source: (path as NSString).lastPathComponent, statistics: ingestor.statistics)
}

/// The same for lines already in memory.
func evidencePack(lines: some Sequence<Substring>, source: String) -> EvidencePack {
    var ingestor = LogIngestor()
    var engine = TriageEngine()
    for line in lines { ingestor.feed(line: Array(line.utf8)) { engine.add($0) } }
    ingestor.finish { engine.add($0) }
    return engine.finish(source: source, statistics: ingestor.statistics)
}

/// Runs a command; returns exit status, stdout and stderr.
func run(_ executable: String, _ arguments: [String], cwd: URL? = nil, stdin: Data? = nil) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
