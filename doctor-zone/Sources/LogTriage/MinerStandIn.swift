// TEMPORARY stand-in for the miner engineer's TemplateMiner (same API); deleted when theirs lands in main.
public struct MinerConfiguration: Sendable {
    public static let `default` = MinerConfiguration()
}

public struct TemplateMiner: Sendable {
    private var ids: [String: Int] = [:]
    private var templates: [String] = []

    public init(configuration: MinerConfiguration = .default) {}

    public mutating func add(_ message: String) -> Int {
        let masked = message.split(separator: " ").map { token in
            token.contains(where: \.isNumber) || token.hasPrefix("<") ? "<*>" : String(token)
        }.joined(separator: " ")
        if let id = ids[masked] { return id }
        ids[masked] = templates.count
        templates.append(masked)
        return templates.count - 1
    }

    public func template(ofCluster id: Int) -> String { templates[id] }
    public var clusterCount: Int { templates.count }
}
