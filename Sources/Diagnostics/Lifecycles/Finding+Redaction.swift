import RetraceCore

extension Finding {
    /// The finding with pre-signed URL secrets removed from every text it holds.
    func redactingSecrets() -> Finding {
        var copy = self
        copy.title = SecretRedactor.redact(title)
        copy.location = location.map { step in
            switch step {
            case .resource(let name): return .resource(SecretRedactor.redact(name))
            case .phase(let name): return .phase(SecretRedactor.redact(name))
            case .state(let name): return .state(SecretRedactor.redact(name))
            case .execution(let name): return .execution(SecretRedactor.redact(name))
            case .mapRun(let name): return .mapRun(SecretRedactor.redact(name))
            case .iteration, .branch, .attempt: return step
            }
        }
        copy.evidence = evidence.map(SecretRedactor.redact)
        copy.error = error.map(SecretRedactor.redact)
        copy.cause = cause.map(SecretRedactor.redact)
        copy.explanation = SecretRedactor.redact(explanation)
        copy.remedy = remedy.map(SecretRedactor.redact)
        return copy
    }
}

extension Diagnosis {
    /// The diagnosis with pre-signed URL secrets removed from every finding.
    func redactingSecrets() -> Diagnosis {
        Diagnosis(
            outcome: outcome, rootCause: rootCause?.redactingSecrets(), findings: findings.map { $0.redactingSecrets() }
        )
    }
}
