import CloudDoctorModels
import Foundation

/// Prices per million tokens, by a substring of the model id; configurable with `DOCTOR_MODEL_PRICES`
/// (`gemini-2.0-flash=0.15/0.60,claude-sonnet-4=3/15`). Estimates only, for the cost line of an answer.
public struct PriceTable: Sendable, Hashable {
    public struct Price: Sendable, Hashable {
        public var inputPerMillion: Double
        public var outputPerMillion: Double
    }

    public var entries: [(match: String, price: Price)]

    public static let defaults = PriceTable(entries: [
        ("gemini-2.0-flash", Price(inputPerMillion: 0.15, outputPerMillion: 0.60)),
        ("gemini-2.5-flash", Price(inputPerMillion: 0.30, outputPerMillion: 2.50)),
        ("gemini-2.5-pro", Price(inputPerMillion: 1.25, outputPerMillion: 10.0)),
        ("claude-sonnet-4", Price(inputPerMillion: 3.0, outputPerMillion: 15.0)),
        ("claude-3-5-haiku", Price(inputPerMillion: 0.80, outputPerMillion: 4.0)),
    ])

    public init(entries: [(match: String, price: Price)]) {
        self.entries = entries
    }

    public static func == (lhs: PriceTable, rhs: PriceTable) -> Bool {
        lhs.entries.map(\.match) == rhs.entries.map(\.match) && lhs.entries.map(\.price) == rhs.entries.map(\.price)
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries { hasher.combine(entry.match); hasher.combine(entry.price) }
    }

    /// The defaults with `DOCTOR_MODEL_PRICES` entries taking precedence; malformed entries are ignored.
    public static func fromEnvironment(_ environment: [String: String]) -> PriceTable {
        var table = defaults
        guard let text = environment["DOCTOR_MODEL_PRICES"], !text.isEmpty else { return table }
        var custom: [(match: String, price: Price)] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let prices = parts[1].split(separator: "/")
            guard prices.count == 2, let input = Double(prices[0]), let output = Double(prices[1]), input >= 0, output >= 0 else { continue }
            custom.append((String(parts[0]).trimmingCharacters(in: .whitespaces), Price(inputPerMillion: input, outputPerMillion: output)))
        }
        table.entries = custom + table.entries
        return table
    }

    public func cost(model: String, inputTokens: Int, outputTokens: Int) -> Double {
        guard let price = entries.first(where: { model.contains($0.match) })?.price else { return 0 }
        let dollars = Double(inputTokens) / 1e6 * price.inputPerMillion + Double(outputTokens) / 1e6 * price.outputPerMillion
        return (dollars * 1e6).rounded() / 1e6
    }
}

/// Collects token usage and notes of the model calls made for one diagnosis.
public actor UsageLedger {
    public let prices: PriceTable
    private var byModel: [String: (input: Int, output: Int)] = [:]
    private var order: [String] = []
    public private(set) var notes: [String] = []

    public init(prices: PriceTable = .defaults) {
        self.prices = prices
    }

    public func record(_ answer: ModelAnswer) {
        if byModel[answer.model] == nil { order.append(answer.model) }
        let current = byModel[answer.model] ?? (0, 0)
        byModel[answer.model] = (current.input + answer.inputTokens, current.output + answer.outputTokens)
    }

    public func note(_ text: String) { notes.append(text) }

    /// One entry per model, in first-use order.
    public var usage: [ModelUsage] {
        order.map { model in
            let tokens = byModel[model] ?? (0, 0)
            return ModelUsage(model: model, inputTokens: tokens.input, outputTokens: tokens.output,
                              estimatedCostUSD: prices.cost(model: model, inputTokens: tokens.input, outputTokens: tokens.output))
        }
    }
}
