import Lifecycles

/// The usual ways a ModelArts deployment fails, recognised from the event text, with what to do. Our own words.
enum ModelArtsRemedies {
    /// A failure family.
    enum Family: String, Sendable, Hashable {
        case insufficientResources = "insufficient-resources"
        case imageBuild = "image-build"
        case imagePull = "image-pull"
        case startup = "health-check-or-startup"
        case other = "deployment-error"
    }

    /// The family of an abnormal event, from its text and the phase it happened in.
    static func family(of text: String, phase: ModelArtsPhase?) -> Family {
        let lower = text.lowercased()
        if lower.contains("insufficient") || lower.contains("quota") || lower.contains("not enough")
            || lower.contains("schedul") || phase == .resourceScheduling
        {
            return .insufficientResources
        }
        if lower.contains("pull") || phase == .imagePulling { return .imagePull }
        if lower.contains("image") && (lower.contains("build") || lower.contains("creat")) || phase == .imageBuilding {
            return .imageBuild
        }
        if lower.contains("health") || lower.contains("timeout") || lower.contains("timed out")
            || lower.contains("start") || lower.contains("readiness") || lower.contains("crash")
            || phase == .modelStartup
        {
            return .startup
        }
        return .other
    }

    /// Why the family happens, in a sentence.
    static func explanation(_ family: Family) -> String {
        switch family {
        case .insufficientResources:
            return "The service could not be placed: the resource pool or the public pool had no free capacity of "
                + "the requested flavor, or a quota was reached."
        case .imageBuild:
            return "The model's image could not be built, usually because of its runtime dependencies or its "
                + "base image."
        case .imagePull:
            return "The node could not pull the model's image: it is missing, not shared, too large, or the "
                + "registry could not be reached."
        case .startup:
            return "The model's container started but did not pass its health check in time, or exited."
        case .other:
            return "The service reported an error that does not belong to one of the usual families."
        }
    }

    /// What to do about it.
    static func remedy(_ family: Family) -> String {
        switch family {
        case .insufficientResources:
            return "Choose a smaller flavor or fewer instances, use a dedicated resource pool with free nodes, "
                + "stop services you no longer need, or wait until resources are released and deploy again; check "
                + "the quota of the account."
        case .imageBuild:
            return "Open the build log the event points to; fix the dependencies in the model's configuration "
                + "file (package names and versions) or the custom image's base, then create the model and "
                + "deploy again."
        case .imagePull:
            return "Check that the image exists in SWR with that tag, that it is shared with (or owned by) the "
                + "deploying account, and that it is not too large for the node's disk; deploy again if the "
                + "registry was only briefly unreachable."
        case .startup:
            return "Read the service's logs. Make the model listen on the port set in its configuration (8080 for "
                + "custom images) and answer the health-check path with HTTP 200; give large models a longer "
                + "start-up time, and check that the flavor has enough memory."
        case .other:
            return "Read the event text and the service's logs; fix what they name and deploy again."
        }
    }
}
