import Foundation
/// Interim redaction of pre-signed URL secrets until the shared redactor lands; replaced at integration.
enum CredentialText {
    static func redact(_ text: String) -> String {
        var result = text
        for name in ["X-Amz-Credential=", "X-Amz-Signature=", "X-Amz-Security-Token="] {
            var searchStart = result.startIndex
            while let range = result.range(of: name, options: .caseInsensitive, range: searchStart..<result.endIndex) {
                let valueEnd = result[range.upperBound...].firstIndex { "&\" \n'<>".contains($0) } ?? result.endIndex
                result.replaceSubrange(range.upperBound..<valueEnd, with: "REDACTED")
                searchStart = result.index(range.upperBound, offsetBy: 8)
            }
        }
        return result
    }
}
