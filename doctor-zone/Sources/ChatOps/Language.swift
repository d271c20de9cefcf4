/// The language of operator-facing text (`DOCTOR_LANGUAGE=ko|en`).
public enum Language: String, Sendable, CaseIterable {
    case en, ko

    public init(environmentValue: String?) {
        self = environmentValue.flatMap { Language(rawValue: $0.lowercased().prefix(2).description) } ?? .en
    }
}

/// Every fixed string operators see, in both languages.
public struct Phrases: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    public func analyzing(jobId: String) -> String {
        switch language {
        case .en: "Analyzing… (job `\(jobId)`). The answer will be posted here."
        case .ko: "분석 시작… (작업 `\(jobId)`). 결과는 여기에 올라옵니다."
        }
    }

    public func queued(jobId: String, position: Int) -> String {
        switch language {
        case .en: "Busy: queued as #\(position) (job `\(jobId)`). The answer will be posted here."
        case .ko: "처리 중인 작업이 많아 대기열 #\(position)번으로 등록했습니다 (작업 `\(jobId)`)."
        }
    }

    public func duplicate(jobId: String) -> String {
        switch language {
        case .en: "Already working on this (job `\(jobId)`); it will be answered once."
        case .ko: "이미 같은 요청을 처리 중입니다 (작업 `\(jobId)`). 결과는 한 번만 올라옵니다."
        }
    }

    public var full: String {
        switch language {
        case .en: "Busy: the queue is full. Please try again in a few minutes."
        case .ko: "대기열이 가득 찼습니다. 몇 분 뒤 다시 시도해 주세요."
        }
    }

    public var shuttingDown: String {
        switch language {
        case .en: "The Doctor is restarting; please try again in a moment."
        case .ko: "Doctor가 재시작 중입니다. 잠시 후 다시 시도해 주세요."
        }
    }

    public var jobFailed: String {
        switch language {
        case .en: "The diagnosis failed; see the server logs for this job id."
        case .ko: "진단에 실패했습니다. 서버 로그에서 이 작업 id를 확인하세요."
        }
    }

    public var usage: String {
        switch language {
        case .en:
            """
            *Cloud Doctor* usage:
            • `/analyze-logs [log-group] [since]` — root cause of what is failing (e.g. `/analyze-logs /ecs/patient-api 30m`)
            • `/terraform [log-group] [since] [description]` — root cause and the Terraform fix (e.g. `/terraform /ecs/patient-api 2h db pool too small`)
            • `/doctor help` — this text; `/doctor status` — models, queue and recent incidents
            `since` is a number with `m`, `h` or `d` (at most 14d); the log group defaults to the configured one.
            """
        case .ko:
            """
            *Cloud Doctor* 사용법:
            • `/analyze-logs [로그그룹] [기간]` — 장애의 근본 원인 분석 (예: `/analyze-logs /ecs/patient-api 30m`)
            • `/terraform [로그그룹] [기간] [설명]` — 근본 원인과 Terraform 수정안 (예: `/terraform /ecs/patient-api 2h db 풀 부족`)
            • `/doctor help` — 이 도움말, `/doctor status` — 모델, 대기열, 최근 인시던트
            `기간`은 숫자에 `m`, `h`, `d`를 붙입니다 (최대 14d). 로그 그룹을 생략하면 설정된 기본값을 씁니다.
            """
        }
    }

    public func problem(_ detail: String) -> String {
        switch language {
        case .en: "I could not use that: \(detail)\n\n\(usage)"
        case .ko: "요청을 이해하지 못했습니다: \(detail)\n\n\(usage)"
        }
    }
}
