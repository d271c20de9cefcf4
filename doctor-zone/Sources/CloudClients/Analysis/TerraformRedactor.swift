import Foundation
import LogTriage

/// Terraform goes to Claude only after this: string values of attributes whose names say they hold a
/// secret (`password`, `secret`, `token`, `private_key`, …) become `"<REDACTED>"`, then the log redactor
/// runs over the whole text (emails, keys, high-entropy strings).
public enum TerraformRedactor {
    static let sensitive = try! NSRegularExpression(
        pattern: #"(?im)^(\s*"?[A-Za-z0-9_-]*(?:password|passwd|secret|token|private_key|access_key|api_key|apikey|credential)[A-Za-z0-9_-]*"?\s*[=:]\s*)"(?:[^"\\\n]|\\.)*""#)

    public static func redact(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        let masked = sensitive.stringByReplacingMatches(in: text, range: range, withTemplate: #"$1"<REDACTED>""#)
        return Redactor().redact(masked)
    }
}
