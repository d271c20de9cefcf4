import Foundation
import NIOConcurrencyHelpers

/// A finished diagnosis and where it was posted; what the buttons act on.
public struct StoredResult: Sendable {
    public var jobId: String
    public var request: DiagnosisRequest
    public var report: DiagnosisReport
    public var channelId: String?
    public var messageTs: String?
    public var finishedAt: Date
    public var resolvedBy: String?

    public init(jobId: String, request: DiagnosisRequest, report: DiagnosisReport, channelId: String?, messageTs: String?,
                finishedAt: Date = Date(), resolvedBy: String? = nil)
    {
        self.jobId = jobId
        self.request = request
        self.report = report
        self.channelId = channelId
        self.messageTs = messageTs
        self.finishedAt = finishedAt
        self.resolvedBy = resolvedBy
    }
}

/// The most recent results in memory (bounded). Cloud Run instances are disposable: buttons on a
/// message older than the instance answer "no longer available", never an error.
public final class ResultStore: Sendable {
    private let entries = NIOLockedValueBox([String: StoredResult]())
    private let order = NIOLockedValueBox([String]())
    private let capacity: Int

    public init(capacity: Int = 200) {
        self.capacity = max(1, capacity)
    }

    public func put(_ result: StoredResult) {
        let evicted: [String] = order.withLockedValue { order in
            order.removeAll { $0 == result.jobId }
            order.append(result.jobId)
            guard order.count > capacity else { return [] }
            let drop = Array(order.prefix(order.count - capacity))
            order.removeFirst(drop.count)
            return drop
        }
        entries.withLockedValue { entries in
            entries[result.jobId] = result
            for id in evicted { entries[id] = nil }
        }
    }

    public func get(_ jobId: String) -> StoredResult? {
        entries.withLockedValue { $0[jobId] }
    }

    public func markResolved(_ jobId: String, by user: String) -> StoredResult? {
        entries.withLockedValue { entries in
            entries[jobId]?.resolvedBy = user
            return entries[jobId]
        }
    }

    /// Newest first.
    public func recent(_ limit: Int) -> [StoredResult] {
        let ids = order.withLockedValue { Array($0.suffix(limit).reversed()) }
        return entries.withLockedValue { entries in ids.compactMap { entries[$0] } }
    }
}
