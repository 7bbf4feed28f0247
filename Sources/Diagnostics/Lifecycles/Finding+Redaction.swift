import RetraceCore

extension Finding {
    /// The finding with pre-signed URL secrets removed from every text it holds.
    func redactingSecrets() -> Finding {
        var copy = self
        copy.title = CredentialRedactor.standard.redact(title)
        copy.location = location.map { step in
            switch step {
            case .resource(let name): return .resource(CredentialRedactor.standard.redact(name))
            case .phase(let name): return .phase(CredentialRedactor.standard.redact(name))
            case .state(let name): return .state(CredentialRedactor.standard.redact(name))
            case .execution(let name): return .execution(CredentialRedactor.standard.redact(name))
            case .mapRun(let name): return .mapRun(CredentialRedactor.standard.redact(name))
            case .iteration, .branch, .attempt: return step
            }
        }
        copy.evidence = evidence.map(CredentialRedactor.standard.redact)
        copy.error = error.map(CredentialRedactor.standard.redact)
        copy.cause = cause.map(CredentialRedactor.standard.redact)
        copy.explanation = CredentialRedactor.standard.redact(explanation)
        copy.remedy = remedy.map(CredentialRedactor.standard.redact)
        return copy
    }
}

extension Diagnosis {
    /// The diagnosis with pre-signed URL secrets removed from every finding.
    func redactingSecrets() -> Diagnosis {
        var copy = Diagnosis(
            outcome: outcome, rootCause: rootCause?.redactingSecrets(), findings: findings.map { $0.redactingSecrets() }
        )
        copy.verdict = verdict
        return copy
    }
}
