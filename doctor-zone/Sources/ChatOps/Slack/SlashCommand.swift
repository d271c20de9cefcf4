/// The fields of a Slack slash-command request that the Doctor uses
/// (form-encoded body: `command`, `text`, `user_id`, `channel_id`, `response_url`, `trigger_id`, …).
public struct SlashCommand: Sendable, Hashable {
    public var command: String
    public var text: String
    public var userId: String
    public var userName: String
    public var channelId: String
    public var teamId: String
    public var responseURL: String
    public var triggerId: String

    public init(command: String, text: String = "", userId: String = "", userName: String = "", channelId: String = "",
                teamId: String = "", responseURL: String = "", triggerId: String = "")
    {
        self.command = command
        self.text = text
        self.userId = userId
        self.userName = userName
        self.channelId = channelId
        self.teamId = teamId
        self.responseURL = responseURL
        self.triggerId = triggerId
    }

    /// Reads a decoded form; nil when there is no `command` field.
    public init?(form: [String: String]) {
        guard let command = form["command"], !command.isEmpty else { return nil }
        self.init(
            command: command,
            text: form["text"] ?? "",
            userId: form["user_id"] ?? "",
            userName: form["user_name"] ?? "",
            channelId: form["channel_id"] ?? "",
            teamId: form["team_id"] ?? "",
            responseURL: form["response_url"] ?? "",
            triggerId: form["trigger_id"] ?? ""
        )
    }
}
