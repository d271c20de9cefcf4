import Foundation

/// Wire shapes of CloudWatch Logs (API version 2014-03-28, AWS JSON 1.1). Times are epoch milliseconds
/// except in Logs Insights (`StartQuery`), which takes epoch seconds.
public enum CloudWatchLogsShapes {
    public struct FilterLogEventsRequest: Codable, Sendable {
        public var logGroupName: String
        public var logStreamNames: [String]?
        public var startTime: Int64?
        public var endTime: Int64?
        public var filterPattern: String?
        public var nextToken: String?
        public var limit: Int?
    }

    public struct FilteredLogEvent: Codable, Sendable, Hashable {
        public var logStreamName: String?
        public var timestamp: Int64?
        public var message: String?
        public var ingestionTime: Int64?
        public var eventId: String?
    }

    public struct FilterLogEventsResponse: Codable, Sendable {
        public var events: [FilteredLogEvent]?
        public var nextToken: String?
    }

    public struct InputLogEvent: Codable, Sendable, Hashable {
        public var timestamp: Int64
        public var message: String
        public init(timestamp: Int64, message: String) {
            self.timestamp = timestamp
            self.message = message
        }
    }

    public struct PutLogEventsRequest: Codable, Sendable {
        public var logGroupName: String
        public var logStreamName: String
        public var logEvents: [InputLogEvent]
    }

    public struct RejectedLogEventsInfo: Codable, Sendable, Hashable {
        public var tooNewLogEventStartIndex: Int?
        public var tooOldLogEventEndIndex: Int?
        public var expiredLogEventEndIndex: Int?
    }

    public struct PutLogEventsResponse: Codable, Sendable {
        public var nextSequenceToken: String?
        public var rejectedLogEventsInfo: RejectedLogEventsInfo?
    }

    public struct CreateLogGroupRequest: Codable, Sendable {
        public var logGroupName: String
    }

    public struct CreateLogStreamRequest: Codable, Sendable {
        public var logGroupName: String
        public var logStreamName: String
    }

    public struct StartQueryRequest: Codable, Sendable {
        public var logGroupNames: [String]
        public var startTime: Int64
        public var endTime: Int64
        public var queryString: String
        public var limit: Int?
    }

    public struct StartQueryResponse: Codable, Sendable {
        public var queryId: String?
    }

    public struct GetQueryResultsRequest: Codable, Sendable {
        public var queryId: String
    }

    /// `value` is a string on the wire; numbers (as some emulators send) are accepted and written as text.
    public struct ResultField: Codable, Sendable, Hashable {
        public var field: String?
        public var value: String?

        enum CodingKeys: String, CodingKey { case field, value }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            field = try container.decodeIfPresent(String.self, forKey: .field)
            if let text = try? container.decodeIfPresent(String.self, forKey: .value) {
                value = text
            } else if let number = try? container.decodeIfPresent(Int64.self, forKey: .value) {
                value = String(number)
            } else if let number = try? container.decodeIfPresent(Double.self, forKey: .value) {
                value = String(number)
            } else {
                value = nil
            }
        }
    }

    public struct GetQueryResultsResponse: Codable, Sendable {
        public var status: String?
        public var results: [[ResultField]]?
    }
}
