import CloudDoctorModels
import Foundation
import Logging

/// CloudWatch Logs (API 2014-03-28, AWS JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`).
public struct CloudWatchLogsClient: Sendable {
    public static let targetPrefix = "Logs_20140328"
    public var client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// A client for `region` with the standard credential chain and endpoint resolution.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment,
                                credentials: (any AWSCredentialProvider)? = nil,
                                logger: Logger = Logger(label: "aws.logs")) throws -> CloudWatchLogsClient {
        let provider = credentials ?? CachingCredentialProvider(chain: .standard(environment: environment, logger: logger))
        return CloudWatchLogsClient(client: try AWSClient(service: .cloudWatchLogs, region: AWSRegion.resolve(environment: environment),
                                                          credentials: provider, environment: environment, logger: logger))
    }

    func call<Request: Encodable, Response: Decodable>(_ operation: String, _ request: Request, as: Response.Type) async throws -> Response {
        let body = try JSONEncoder().encode(request)
        let answer = try await client.jsonCall(target: "\(Self.targetPrefix).\(operation)", body: Array(body))
        do {
            return try JSONDecoder().decode(Response.self, from: Data(answer.isEmpty ? Array("{}".utf8) : answer))
        } catch {
            throw AWSError(code: AWSError.invalidResponse, message: "\(operation) answered JSON of an unexpected shape")
        }
    }

    struct Empty: Codable {}

    // MARK: reading

    /// What to read: groups, window, optional filter pattern and streams, and a cap on events.
    public struct Query: Sendable, Hashable {
        public var logGroups: [String]
        public var start: Date?
        public var end: Date?
        public var filterPattern: String?
        public var logStreamNames: [String]?
        /// Stop after this many events in total (the answer says it was capped).
        public var maxEvents: Int
        /// Events per page asked of the service (1…10,000).
        public var pageSize: Int?

        public init(logGroups: [String], start: Date? = nil, end: Date? = nil, filterPattern: String? = nil,
                    logStreamNames: [String]? = nil, maxEvents: Int = 50_000, pageSize: Int? = nil) {
            self.logGroups = logGroups
            self.start = start
            self.end = end
            self.filterPattern = filterPattern
            self.logStreamNames = logStreamNames
            self.maxEvents = maxEvents
            self.pageSize = pageSize
        }
    }

    public struct FilterResult: Sendable {
        public var events: [CloudDoctorModels.LogEvent]
        /// Pages read across all groups.
        public var pages: Int
        /// True when `maxEvents` stopped the reading before the last page.
        public var capped: Bool
    }

    /// `FilterLogEvents` on each group, following `nextToken` to the end or the cap; events sorted by time.
    public func filterLogEvents(_ query: Query) async throws -> FilterResult {
        var events: [CloudDoctorModels.LogEvent] = []
        var pages = 0
        var capped = false
        groups: for group in query.logGroups {
            var token: String?
            var seenTokens: Set<String> = []
            repeat {
                let request = CloudWatchLogsShapes.FilterLogEventsRequest(
                    logGroupName: group, logStreamNames: query.logStreamNames,
                    startTime: query.start.map(Self.milliseconds), endTime: query.end.map(Self.milliseconds),
                    filterPattern: query.filterPattern, nextToken: token,
                    limit: query.pageSize.map { min(max($0, 1), 10_000) })
                let page = try await call("FilterLogEvents", request, as: CloudWatchLogsShapes.FilterLogEventsResponse.self)
                pages += 1
                for event in page.events ?? [] {
                    if events.count >= query.maxEvents { capped = true; break groups }
                    events.append(Self.logEvent(event, group: group))
                }
                token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
                if let current = token, !seenTokens.insert(current).inserted { break }  // a repeated token would loop forever
            } while token != nil
        }
        events.sort { ($0.timestamp ?? .distantPast) < ($1.timestamp ?? .distantPast) }
        return FilterResult(events: events, pages: pages, capped: capped)
    }

    static func logEvent(_ event: CloudWatchLogsShapes.FilteredLogEvent, group: String) -> CloudDoctorModels.LogEvent {
        var fields = ["logGroup": group]
        if let id = event.eventId { fields["eventId"] = id }
        return CloudDoctorModels.LogEvent(timestamp: event.timestamp.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                        message: event.message ?? "", source: event.logStreamName ?? group, fields: fields)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    // MARK: Logs Insights

    public struct InsightsResult: Sendable {
        public var status: String
        /// Each row as field → value.
        public var rows: [[String: String]]
        public var polls: Int
    }

    /// `StartQuery` then `GetQueryResults` every `pollInterval` until the status is final (or `maxPolls`).
    public func runInsightsQuery(logGroups: [String], start: Date, end: Date, queryString: String, limit: Int? = nil,
                                 pollInterval: Duration = .seconds(1), maxPolls: Int = 120) async throws -> InsightsResult {
        let started = try await call("StartQuery", CloudWatchLogsShapes.StartQueryRequest(
            logGroupNames: logGroups, startTime: Int64(start.timeIntervalSince1970), endTime: Int64(end.timeIntervalSince1970),
            queryString: queryString, limit: limit), as: CloudWatchLogsShapes.StartQueryResponse.self)
        guard let queryId = started.queryId, !queryId.isEmpty else {
            throw AWSError(code: AWSError.invalidResponse, message: "StartQuery answered no queryId")
        }
        var polls = 0
        while true {
            polls += 1
            let answer = try await call("GetQueryResults", CloudWatchLogsShapes.GetQueryResultsRequest(queryId: queryId),
                                        as: CloudWatchLogsShapes.GetQueryResultsResponse.self)
            let status = answer.status ?? "Unknown"
            switch status {
            case "Complete":
                let rows = (answer.results ?? []).map { row in
                    Dictionary(row.compactMap { field in field.field.map { ($0, field.value ?? "") } }, uniquingKeysWith: { $1 })
                }
                return InsightsResult(status: status, rows: rows, polls: polls)
            case "Failed", "Cancelled", "Timeout":
                throw AWSError(code: "QueryNotComplete", message: "Logs Insights query ended with status \(status)")
            default:
                guard polls < maxPolls else {
                    throw AWSError(code: AWSError.timeout, message: "Logs Insights query still \(status) after \(polls) polls")
                }
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    // MARK: writing

    /// `CreateLogGroup`; an existing group is fine.
    public func ensureLogGroup(_ name: String) async throws {
        do {
            _ = try await call("CreateLogGroup", CloudWatchLogsShapes.CreateLogGroupRequest(logGroupName: name), as: Empty.self)
        } catch let error as AWSError where error.code == "ResourceAlreadyExistsException" {}
    }

    /// `CreateLogStream`; an existing stream is fine.
    public func ensureLogStream(group: String, stream: String) async throws {
        do {
            _ = try await call("CreateLogStream", CloudWatchLogsShapes.CreateLogStreamRequest(logGroupName: group, logStreamName: stream),
                               as: Empty.self)
        } catch let error as AWSError where error.code == "ResourceAlreadyExistsException" {}
    }

    public struct PutResult: Sendable, Hashable {
        public var batches: Int
        public var accepted: Int
        /// Events the service refused as too old, too new or expired.
        public var rejected: Int
    }

    /// `PutLogEvents` in as many batches as the rules need.
    public func putLogEvents(group: String, stream: String, events: [CloudWatchLogsShapes.InputLogEvent],
                             batcher: LogEventBatcher = LogEventBatcher()) async throws -> PutResult {
        var result = PutResult(batches: 0, accepted: 0, rejected: 0)
        for batch in batcher.batches(events) {
            let answer = try await call("PutLogEvents", CloudWatchLogsShapes.PutLogEventsRequest(
                logGroupName: group, logStreamName: stream, logEvents: batch), as: CloudWatchLogsShapes.PutLogEventsResponse.self)
            let rejected = Self.rejectedCount(answer.rejectedLogEventsInfo, batchSize: batch.count)
            result.batches += 1
            result.rejected += rejected
            result.accepted += batch.count - rejected
        }
        return result
    }

    static func rejectedCount(_ info: CloudWatchLogsShapes.RejectedLogEventsInfo?, batchSize: Int) -> Int {
        guard let info else { return 0 }
        var rejected = Set<Int>()
        if let end = info.tooOldLogEventEndIndex { rejected.formUnion(0..<min(max(end, 0), batchSize)) }
        if let end = info.expiredLogEventEndIndex { rejected.formUnion(0..<min(max(end, 0), batchSize)) }
        if let start = info.tooNewLogEventStartIndex, start < batchSize { rejected.formUnion(max(start, 0)..<batchSize) }
        return rejected.count
    }
}
