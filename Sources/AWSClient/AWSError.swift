import Foundation

/// What went wrong talking to AWS, in words for the person who ran the command: which action was refused, which
/// resource does not exist, what was tried for credentials. Never a secret.
public enum AWSError: Error, Sendable, CustomStringConvertible {
    /// No credentials anywhere in the chain; `tried` names each place looked at.
    case noCredentials(tried: [String])
    /// A profile named by `--profile` / `AWS_PROFILE` is in neither shared file.
    case unknownProfile(String)
    /// A `credential_process` failed or answered something that is not credentials.
    case credentialProcess(command: String, reason: String)
    /// The service answered with an error.
    case service(ServiceError)
    /// The request did not get an answer (connection refused, timeout, DNS).
    case transport(endpoint: String, reason: String)
    /// The answer could not be read.
    case invalidResponse(action: String, reason: String)
    /// No region could be found for a call that needs one.
    case noRegion(String)
    /// An IAM Identity Center (SSO) profile's credentials could not be had.
    case sso(profile: String, reason: String)

    /// An error answer from an AWS service.
    public struct ServiceError: Sendable {
        /// The error code (`AccessDeniedException`, `ExecutionDoesNotExist`, `ThrottlingException`).
        public var code: String
        /// The service's message.
        public var message: String
        /// The HTTP status.
        public var status: Int
        /// The API action called (`states:GetExecutionHistory`).
        public var action: String
        /// The resource the call was about (an ARN), when there was one.
        public var resource: String?
        /// The region called.
        public var region: String
    }

    /// The error for people: what failed and what to do, without any secret.
    public var description: String {
        switch self {
        case .noCredentials(let tried):
            return "no AWS credentials found; tried " + tried.joined(separator: ", ")
                + ". Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --profile / AWS_PROFILE"
        case .unknownProfile(let name):
            return "the AWS profile '\(name)' is in neither the shared credentials file nor the config file"
        case .credentialProcess(let command, let reason):
            return "credential_process '\(command)' gave no credentials: \(reason)"
        case .service(let error):
            return Self.describe(error)
        case .transport(let endpoint, let reason) where reason.localizedCaseInsensitiveContains("certificate"):
            return "could not reach \(endpoint): \(reason) (a proxy or endpoint with its own certificate authority is "
                + "trusted with --ca-bundle or AWS_CA_BUNDLE)"
        case .transport(let endpoint, let reason):
            return "could not reach \(endpoint): \(reason)"
        case .invalidResponse(let action, let reason):
            return "\(action) answered something that could not be read: \(reason)"
        case .sso(let profile, let reason):
            return "the SSO profile '\(profile)' gave no credentials: \(reason)"
        case .noRegion(let what):
            return "no AWS region for \(what): give --region, or set AWS_REGION (or a region in the profile)"
        }
    }

    private static func describe(_ error: ServiceError) -> String {
        let code = error.code
        if code.contains("AccessDenied") || code == "UnrecognizedClientException" && error.status == 403 {
            return "AWS refused \(error.action) (\(code)): the credentials in use lack the IAM permission "
                + "'\(error.action)'" + (error.resource.map { " on \($0)" } ?? "") + ". \(error.message)"
        }
        if code == "ExecutionDoesNotExist" || code == "StateMachineDoesNotExist" || code == "ResourceNotFound" {
            return "\(error.resource ?? "the resource") does not exist in \(error.region) (\(code)); check the ARN "
                + "and the region. Standard executions' histories are kept 90 days after they close."
        }
        if code == "NotFoundException" {
            return "\(error.resource ?? "the resource") does not exist in \(error.region) (\(code) from "
                + "\(error.action)): check the id and the region"
        }
        if code == "ValidationError", error.message.contains("does not exist") {
            return "\(error.resource ?? "the stack") does not exist in \(error.region) (\(error.action)): check the "
                + "name and the region; a deleted stack is found by its stack ID (its ARN) only, not by its name"
        }
        if code == "ExpiredTokenException" || code == "ExpiredToken" || code == "RequestExpired" {
            return "the AWS session token has expired (\(code)); refresh the credentials (aws sso login, or new "
                + "temporary keys) and run again"
        }
        if code == "InvalidSignatureException" || code == "SignatureDoesNotMatch" {
            return "AWS did not accept the request's signature for \(error.action) (\(code)): check the secret "
                + "access key and the machine's clock. \(error.message)"
        }
        return "\(error.action) failed with \(code) (HTTP \(error.status)): \(error.message)"
    }
}
