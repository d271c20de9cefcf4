// Our pure-Swift bcrypt against two C implementations in the same process:
// OpenBSD's bcrypt as vendored by hummingbird-auth (HummingbirdBcrypt) and libxcrypt's crypt_r.
// Each iteration verifies one password against a fixed hash: one full bcrypt computation.
import BCrypt
import Benchmark
import CXCrypt
import Foundation
import HummingbirdBcrypt

private let password = "correct horse battery staple"

/// A fixed hash per cost (fixed salt, so every run does identical work).
private func referenceHash(cost: Int) -> String {
    let setting = try! BCryptSetting(version: .b, cost: cost, salt: Array(0..<16))
    return try! BCrypt.hash(passwordBytes: Array(password.utf8), setting: setting)
}

/// libxcrypt's crypt_r with its 32 KiB state on the heap.
private func xcrypt(_ password: String, setting: String) -> String {
    let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
    defer { data.deallocate() }
    memset(data, 0, MemoryLayout<crypt_data>.size)
    guard let result = crypt_r(password, setting, data) else { return "" }
    return String(cString: result)
}

let benchmarks: @Sendable () -> Void = {
    for cost in [10, 12] {
        let hash = referenceHash(cost: cost)
        // All three must agree before they are timed.
        precondition(Bcrypt.verify(password, hash: hash), "C bcrypt rejects our hash")
        precondition(xcrypt(password, setting: hash) == hash, "libxcrypt disagrees with our hash")

        let configuration = Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal, .throughput], // throughput: required by the JMH export
            warmupIterations: 1,
            maxDuration: .seconds(cost >= 12 ? 8 : 4),
            maxIterations: cost >= 12 ? 25 : 60
        )
        Benchmark("swift cost \(cost)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try BCrypt.verify(password: password, hash: hash))
            }
        }
        Benchmark("c-openbsd cost \(cost)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(Bcrypt.verify(password, hash: hash))
            }
        }
        Benchmark("c-libxcrypt cost \(cost)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(xcrypt(password, setting: hash))
            }
        }
    }
}
