import RetraceCore

/// Writes a `Diagnosis` into a JSON report; shared by every kind of log so the schema is one family.
public enum DiagnosisJSON {
    /// Writes `diagnosis` as an object at the writer's position.
    public static func write(_ diagnosis: Diagnosis, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("outcome", diagnosis.outcome.rawValue)
        writer.key("rootCause")
        if let root = diagnosis.rootCause { write(root, to: &writer) } else { writer.null() }
        writer.key("findings")
        writer.beginArray()
        for finding in diagnosis.findings { write(finding, to: &writer) }
        writer.endArray()
        writer.endObject()
    }

    /// Writes one finding as an object.
    public static func write(_ finding: Finding, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("severity", finding.severity.rawValue)
        writer.member("code", finding.code.rawValue)
        writer.member("title", CredentialRedactor.standard.redact(finding.title))
        writer.key("location")
        writer.beginArray()
        for step in finding.location { LocationJSON.write(step, to: &writer) }
        writer.endArray()
        writer.member("path", CredentialRedactor.standard.redact(finding.location.pathDescription))
        writer.key("evidence")
        writer.beginArray()
        for id in finding.evidence { writer.string(id) }
        writer.endArray()
        writer.member("error", finding.error.map(CredentialRedactor.standard.redact))
        writer.member("cause", finding.cause.map(ReportedCause.redacted))
        writer.key("causeDetail")
        if let detail = finding.causeDetail {
            writer.beginObject()
            writer.member("summary", CredentialRedactor.standard.redact(detail.summary))
            writer.member("runtime", detail.runtime)
            writer.key("raisedAt")
            write(detail.raisedAt, to: &writer)
            writer.key("handlerAt")
            write(detail.handlerAt, to: &writer)
            writer.key("log")
            if let name = detail.logName {
                writer.beginObject()
                writer.member("name", CredentialRedactor.standard.redact(name))
                writer.key("lines")
                writer.beginArray()
                for line in detail.logLines { writer.string(CredentialRedactor.standard.redact(line)) }
                writer.endArray()
                writer.endObject()
            } else {
                writer.null()
            }
            writer.endObject()
        } else {
            writer.null()
        }
        writer.member("explanation", CredentialRedactor.standard.redact(finding.explanation))
        writer.member("remedy", finding.remedy.map(CredentialRedactor.standard.redact))
        writer.endObject()
    }

    private static func write(_ frame: SourceFrame?, to writer: inout JSONWriter) {
        guard let frame else { return writer.null() }
        writer.beginObject()
        writer.member("file", frame.file.map(CredentialRedactor.standard.redact))
        writer.member("line", frame.line.map(Int64.init))
        writer.member("function", frame.function.map(CredentialRedactor.standard.redact))
        writer.endObject()
    }
}

/// Writes log warnings as `[{"code", "message", "eventIds"}]`, messages redacted; shared by every report.
enum WarningsJSON {
    static func write(_ warnings: [LogWarning], to writer: inout JSONWriter) {
        writer.beginArray()
        for warning in warnings {
            writer.beginObject()
            writer.member("code", warning.code.rawValue)
            writer.member("message", CredentialRedactor.standard.redact(warning.message))
            writer.key("eventIds")
            writer.beginArray()
            for id in warning.eventIDs { writer.integer(id) }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
    }
}

/// Writes a `LocationStep` as `{"kind": …, …}`.
enum LocationJSON {
    static func write(_ step: LocationStep, to writer: inout JSONWriter) {
        writer.beginObject()
        switch step {
        case .execution(let name):
            writer.member("kind", "execution")
            writer.member("name", name)
        case .state(let name):
            writer.member("kind", "state")
            writer.member("name", name)
        case .iteration(let index):
            writer.member("kind", "iteration")
            writer.member("index", index)
        case .branch(let number):
            writer.member("kind", "branch")
            writer.member("number", number)
        case .attempt(let number, let total):
            writer.member("kind", "attempt")
            writer.member("number", number)
            writer.member("total", total)
        case .mapRun(let arn):
            writer.member("kind", "mapRun")
            writer.member("arn", arn)
        case .resource(let name):
            writer.member("kind", "resource")
            writer.member("name", name)
        case .phase(let name):
            writer.member("kind", "phase")
            writer.member("name", name)
        }
        writer.endObject()
    }
}
