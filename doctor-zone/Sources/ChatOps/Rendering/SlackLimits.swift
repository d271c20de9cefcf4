/// Slack's documented Block Kit limits the renderer keeps to.
public enum SlackLimits {
    public static let blocksPerMessage = 50
    public static let sectionText = 3_000
    public static let headerText = 150
    public static let contextElements = 10
    public static let buttonText = 75
    public static let buttonValue = 2_000
    /// The top-level `text` is truncated by Slack past 40,000 characters; we stay well under.
    public static let messageText = 4_000
}
