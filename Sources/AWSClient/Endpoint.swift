import Foundation

/// Where a service is called and in which region, resolved as the AWS SDKs do: `--endpoint-url`, then
/// `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, else the service's regional endpoint; the region from
/// `--region`, then the ARN, then `AWS_REGION` / `AWS_DEFAULT_REGION`, then the profile.
public struct Endpoint: Sendable, Hashable {
    /// The base URL (`https://states.eu-west-1.amazonaws.com`).
    public var url: URL
    /// The region requests are signed for.
    public var region: String

    /// Resolves the endpoint of `service`.
    public static func resolve(
        _ service: AWSService, region explicitRegion: String?, arn: String?, endpointURL: String?,
        environment: [String: String], profileRegion: String?
    ) throws -> Endpoint {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let arnRegion = arn.flatMap { arn -> String? in
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count > 3 && !parts[3].isEmpty ? String(parts[3]) : nil
        }
        guard
            let region = explicitRegion ?? arnRegion ?? value("AWS_REGION") ?? value("AWS_DEFAULT_REGION")
                ?? profileRegion
        else { throw AWSError.noRegion(arn ?? service.signingName) }
        let configured = endpointURL ?? value("AWS_ENDPOINT_URL_\(service.environmentID)") ?? value("AWS_ENDPOINT_URL")
        if let configured {
            guard let url = URL(string: configured), url.scheme != nil, url.host != nil else {
                throw AWSError.transport(
                    endpoint: configured, reason: "it is not a URL (expected http(s)://host[:port])")
            }
            return Endpoint(url: url, region: region)
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        guard let url = URL(string: "https://\(service.endpointPrefix).\(region).\(suffix)") else {
            throw AWSError.noRegion("'\(region)', which is not a region name")
        }
        return Endpoint(url: url, region: region)
    }

    /// The `Host` header: the host, with the port when the URL names one.
    public var hostHeader: String { url.hostHeader }
}

extension URL {
    /// The `Host` header of a request to this URL: the host, with the port when the URL names one. Every request
    /// the client builds, signed or not, carries one.
    var hostHeader: String {
        let host = self.host ?? ""
        return port.map { "\(host):\($0)" } ?? host
    }
}
