import Foundation

/// What triage found in a window of logs: the thing a diagnosis explains.
public struct Incident: Codable, Sendable, Hashable {
    /// Stable id of this incident instance (e.g. `inc-<fingerprint prefix>-<window start>`).
    public var id: String
    /// Stable fingerprint from the set of templates involved (not raw text); used for caching and de-duplication.
    public var fingerprint: String
    /// Where the logs came from: a log group, file names, or `stdin`.
    public var source: String
    /// The window the logs cover.
    public var windowStart: Date?
    public var windowEnd: Date?
    /// The component that failed first, when one can be told.
    public var firstFailingComponent: String?
    /// Events read, and how many of them were errors or worse.
    public var eventCount: Int
    public var errorCount: Int
    /// Lines that could not be understood (counted, never fatal).
    public var malformedCount: Int

    public init(
        id: String,
        fingerprint: String,
        source: String,
        windowStart: Date? = nil,
        windowEnd: Date? = nil,
        firstFailingComponent: String? = nil,
        eventCount: Int = 0,
        errorCount: Int = 0,
        malformedCount: Int = 0
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.source = source
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.firstFailingComponent = firstFailingComponent
        self.eventCount = eventCount
        self.errorCount = errorCount
        self.malformedCount = malformedCount
    }
}
