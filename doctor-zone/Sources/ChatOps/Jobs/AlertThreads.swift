import Foundation
import NIOConcurrencyHelpers

/// Keeps alarm posts from flooding a channel: the first diagnosis of a fingerprint is posted, the
/// same fingerprint within `cooldown` updates that message instead (with a repeat count).
public final class AlertThreads: Sendable {
    public enum Decision: Sendable, Equatable {
        case post
        /// Update the message at `ts`; `occurrences` counts this one.
        case update(ts: String, occurrences: Int)
        /// The first post of this fingerprint is still on its way: counted, not posted.
        case skip
    }

    struct Entry {
        var ts: String?
        var lastSeen: Date
        var occurrences: Int
    }

    public let cooldown: TimeInterval
    private let entries = NIOLockedValueBox([String: Entry]())

    public init(cooldown: TimeInterval = 30 * 60) {
        self.cooldown = cooldown
    }

    /// Decides for a fingerprint seen now. A `.post` reserves the fingerprint until `posted(…)` or `failed(…)`.
    public func decide(fingerprint: String, now: Date = Date()) -> Decision {
        entries.withLockedValue { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.lastSeen) < cooldown }
            if var entry = entries[fingerprint], let ts = entry.ts {
                entry.occurrences += 1
                entry.lastSeen = now
                entries[fingerprint] = entry
                return .update(ts: ts, occurrences: entry.occurrences)
            }
            if var entry = entries[fingerprint] {
                entry.occurrences += 1
                entry.lastSeen = now
                entries[fingerprint] = entry
                return .skip
            }
            entries[fingerprint] = Entry(ts: nil, lastSeen: now, occurrences: 1)
            return .post
        }
    }

    public func posted(fingerprint: String, ts: String) {
        entries.withLockedValue { $0[fingerprint]?.ts = ts }
    }

    public func failed(fingerprint: String) {
        entries.withLockedValue { entries in
            if entries[fingerprint]?.ts == nil { entries[fingerprint] = nil }
        }
    }
}
