/// The phases a ModelArts service deployment goes through, in order, to running.
public enum ModelArtsPhase: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Building the model's image.
    case imageBuilding = "IMAGE_BUILDING"
    /// Preparing the environment the model runs in.
    case environmentPreparation = "ENVIRONMENT_PREPARATION"
    /// Finding compute resources and placing the service on them.
    case resourceScheduling = "RESOURCE_SCHEDULING"
    /// Pulling the model's image onto the node.
    case imagePulling = "IMAGE_PULLING"
    /// Starting the model and waiting for it to pass its health check.
    case modelStartup = "MODEL_STARTUP"

    /// The phase as people read it.
    public var title: String {
        switch self {
        case .imageBuilding: return "image building"
        case .environmentPreparation: return "environment preparation"
        case .resourceScheduling: return "resource scheduling"
        case .imagePulling: return "image pulling"
        case .modelStartup: return "model startup"
        }
    }

    /// Where the phase comes in a deployment, from 0.
    public var ordinal: Int { ModelArtsPhase.allCases.firstIndex(of: self) ?? 0 }

    /// Orders phases as a deployment goes through them.
    public static func < (lhs: ModelArtsPhase, rhs: ModelArtsPhase) -> Bool { lhs.ordinal < rhs.ordinal }
}
