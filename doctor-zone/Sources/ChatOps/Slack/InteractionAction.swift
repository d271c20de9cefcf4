/// One button click from a `block_actions` interaction payload (the `payload` form field, JSON).
public struct InteractionAction: Sendable, Hashable {
    public var actionId: DiagnosisAction
    /// The button value: the result (job) id it refers to.
    public var resultId: String
    public var userId: String
    public var channelId: String?
    public var messageTs: String?
    public var responseURL: String
    /// Identifies this click (for de-duplicating retries): trigger_id, else action_ts.
    public var clickId: String

    /// nil when the payload is not a click on one of our buttons.
    public init?(payload: String) {
        guard payload.utf8.count <= 64 * 1024, let json = JSONValue.decode(Array(payload.utf8)),
              json["type"]?.stringValue == "block_actions",
              let action = json["actions"]?.arrayValue?.first,
              let id = action["action_id"]?.stringValue.flatMap(DiagnosisAction.init(rawValue:)),
              let value = action["value"]?.stringValue, !value.isEmpty, value.utf8.count <= 200,
              let responseURL = json["response_url"]?.stringValue
        else { return nil }
        actionId = id
        resultId = value
        userId = json["user"]?["id"]?.stringValue ?? ""
        channelId = json["channel"]?["id"]?.stringValue ?? json["container"]?["channel_id"]?.stringValue
        messageTs = json["message"]?["ts"]?.stringValue ?? json["container"]?["message_ts"]?.stringValue
        self.responseURL = responseURL
        clickId = json["trigger_id"]?.stringValue ?? action["action_ts"]?.stringValue ?? "\(value)|\(id.rawValue)|\(userId)"
    }
}
