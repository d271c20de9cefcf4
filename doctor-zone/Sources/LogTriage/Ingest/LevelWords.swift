import CloudDoctorModels

/// Level names as logging libraries spell them, and a keyword guess for lines that carry none.
enum LevelWords {
    /// `ERROR`, `err`, `Warning`, `FATAL`, `SEVERE`, `E` is not accepted (too ambiguous).
    static func level(_ word: some StringProtocol) -> LogLevel? {
        switch word.lowercased() {
        case "trace", "trc", "finest", "finer": .trace
        case "debug", "dbg", "fine", "config": .debug
        case "info", "inf", "information", "informational": .info
        case "notice": .notice
        case "warn", "warning", "wrn": .warning
        case "error", "err", "eror", "severe": .error
        case "fatal", "critical", "crit", "panic", "emerg", "emergency", "alert", "dpanic": .critical
        default: nil
        }
    }

    /// Numeric levels: pino/bunyan (10…60) or syslog severities (0…7).
    static func level(number: Double) -> LogLevel? {
        if number >= 10 {
            switch number {
            case ..<20: return .trace
            case ..<30: return .debug
            case ..<40: return .info
            case ..<50: return .warning
            case ..<60: return .error
            default: return .critical
            }
        }
        switch Int(number) {
        case 0...2: return .critical
        case 3: return .error
        case 4: return .warning
        case 5: return .notice
        case 6: return .info
        case 7: return .debug
        default: return nil
        }
    }

    private static let failureWords = ASCIIKeywords([
        "exception", "error", "failed", "failure", "fatal", "panic", "timed out", "timeout",
        "refused", "denied", "killed", "unable to", "cannot ", "can't ", "could not", "unreachable",
        "oomkilled", "out of memory", "segmentation fault", "traceback",
    ])
    private static let warningWords = ASCIIKeywords(["warn", "retrying", "retry ", "slow ", "deprecated", "throttl"])

    /// Lines some agents log at `info` that are failures whatever level they carry (ECS stopping a
    /// task on an OOM kill or a crash).
    private static let alwaysFailures = ASCIIKeywords(["exitcode=137", "exitcode=139", "exit code 137", "exit code 139",
                                                       "outofmemoryerror", "oomkilled", "segmentation fault",
                                                       "essential container in task exited"])

    /// The level triage uses: the stated one, raised to `error` for unmistakable failures.
    static func escalated(_ level: LogLevel, message: String) -> LogLevel {
        guard level < .error else { return level }
        return alwaysFailures.occurs(in: message) ? .error : level
    }

    /// A guess for lines that state no level: failure words → error, warning words → warning, else info.
    static func infer(from message: String) -> LogLevel {
        if failureWords.occurs(in: message) { return .error }
        if warningWords.occurs(in: message) { return .warning }
        return .info
    }
}
