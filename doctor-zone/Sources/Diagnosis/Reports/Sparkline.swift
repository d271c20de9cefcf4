/// A small Unicode sparkline (`▁▂▃▄▅▆▇█`) of counts, for terminal reports.
public enum Sparkline {
    private static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, scaled to the largest; an empty input gives "".
    /// Values above zero never render as the lowest bar, so a single event stays visible.
    /// With more than `width` values, neighbours are summed into `width` buckets.
    public static func render(_ values: [Int], width: Int = 24) -> String {
        let buckets = bucket(values, into: max(1, width))
        guard let peak = buckets.max(), peak > 0 else { return String(repeating: bars[0], count: buckets.count) }
        return String(buckets.map { value -> Character in
            if value <= 0 { return bars[0] }
            let level = Int((Double(value) / Double(peak) * Double(bars.count - 1)).rounded(.up))
            return bars[min(bars.count - 1, max(1, level))]
        })
    }

    static func bucket(_ values: [Int], into width: Int) -> [Int] {
        guard values.count > width else { return values }
        var result = [Int](repeating: 0, count: width)
        for (index, value) in values.enumerated() {
            result[index * width / values.count] += value
        }
        return result
    }
}
