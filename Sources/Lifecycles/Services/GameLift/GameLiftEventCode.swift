/// Every `EventCode` value of the GameLift `DescribeFleetEvents` API, with what it means in our own words.
///
/// The list follows the service's API model; codes added later are still read, kept and shown (they are simply
/// not in this catalogue).
public struct GameLiftEventCode: Sendable, Hashable {
    /// What part of a fleet's life the code reports on.
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// A change of the fleet's status (`FLEET_STATE_*`).
        case fleetState = "fleet-state"
        /// A step of fleet creation (download, install, validation, activation).
        case fleetCreation = "fleet-creation"
        /// A VPC peering connection.
        case vpcPeering = "vpc-peering"
        /// A spot or replaced instance.
        case instance
        /// A game server process on an instance.
        case serverProcess = "server-process"
        /// A game session.
        case gameSession = "game-session"
        /// A container group of a container fleet.
        case container
        /// A change of the status of one of the fleet's locations (`LOCATION_STATE_*`).
        case locationState = "location-state"
        /// Anything else (scaling, policy changes, deletion, generic events).
        case other
    }

    /// How the event bears on the fleet's health.
    public enum Impact: String, Sendable, Hashable {
        /// Progress or configuration: nothing wrong.
        case normal
        /// A failure that stops the fleet from becoming ACTIVE (it leads to `FLEET_STATE_ERROR`).
        case failure
        /// Trouble on a running fleet: processes or instances lost, sessions not activated.
        case health
    }

    /// The code as the API writes it.
    public var code: String
    /// Its category.
    public var category: Category
    /// How it bears on the fleet.
    public var impact: Impact
    /// What it means, in a sentence.
    public var meaning: String

    /// Creates a catalogue entry.
    public init(_ code: String, _ category: Category, _ impact: Impact, _ meaning: String) {
        self.code = code
        self.category = category
        self.impact = impact
        self.meaning = meaning
    }

    /// The entry for `code`, when the catalogue has it.
    public static func entry(for code: String) -> GameLiftEventCode? { byCode[code] }

    private static let byCode: [String: GameLiftEventCode] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// The whole catalogue, in the API model's order.
    public static let all: [GameLiftEventCode] = [
        .init("GENERIC_EVENT", .other, .normal, "An event the service does not classify further; read its message."),
        .init("FLEET_CREATED", .fleetState, .normal, "The fleet resource was created and is in status NEW."),
        .init("FLEET_DELETED", .other, .normal, "Deletion of the fleet was requested."),
        .init("FLEET_EXPIRED", .other, .normal, "The fleet reached the end of its allowed lifetime and was retired."),
        .init(
            "FLEET_SCALING_EVENT", .other, .normal,
            "The fleet's capacity settings (desired, minimum or maximum instances) changed."),
        .init(
            "FLEET_STATE_DOWNLOADING", .fleetState, .normal,
            "The fleet moved from NEW to DOWNLOADING: the build is being copied to an instance and installed."),
        .init(
            "FLEET_STATE_VALIDATING", .fleetState, .normal,
            "The fleet moved to VALIDATING: the installed build files are being checked."),
        .init(
            "FLEET_STATE_BUILDING", .fleetState, .normal,
            "The fleet moved to BUILDING: the build checked out and a fleet instance is being launched."),
        .init(
            "FLEET_STATE_ACTIVATING", .fleetState, .normal,
            "The fleet moved to ACTIVATING: a server process is being started and its connection to the service "
                + "tested."),
        .init("FLEET_STATE_ACTIVE", .fleetState, .normal, "The fleet is ACTIVE and can host game sessions."),
        .init(
            "FLEET_STATE_ERROR", .fleetState, .failure,
            "The fleet moved to ERROR; the events before it say why. A fleet in ERROR must be deleted and created "
                + "again."),
        .init("FLEET_STATE_PENDING", .fleetState, .normal, "The container fleet is PENDING: waiting to be created."),
        .init(
            "FLEET_STATE_CREATING", .fleetState, .normal,
            "The container fleet is CREATING: its resources are being set up."),
        .init(
            "FLEET_STATE_CREATED", .fleetState, .normal,
            "The container fleet is CREATED: resources exist, container groups are not yet deployed."),
        .init(
            "FLEET_STATE_UPDATING", .fleetState, .normal,
            "The fleet is UPDATING: a new deployment is being rolled out to it."),
        .init(
            "FLEET_INITIALIZATION_FAILED", .fleetCreation, .failure,
            "Fleet creation failed for a reason the service does not name by code; the message says more."),
        .init(
            "FLEET_BINARY_DOWNLOAD_FAILED", .fleetCreation, .failure,
            "The build could not be downloaded to the fleet instance."),
        .init(
            "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", .fleetCreation, .failure,
            "A launch path of the runtime configuration names an executable that does not exist on the instance."),
        .init(
            "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE", .fleetCreation, .failure,
            "The executable named by a launch path exists but failed when it was run on the instance."),
        .init(
            "FLEET_VALIDATION_TIMED_OUT", .fleetCreation, .failure,
            "Validating the fleet at the end of creation took too long."),
        .init(
            "FLEET_ACTIVATION_FAILED", .fleetCreation, .failure,
            "The build was downloaded, installed and validated, but no server process could be started and "
                + "activated."),
        .init(
            "FLEET_ACTIVATION_FAILED_NO_INSTANCES", .fleetCreation, .failure,
            "No instance could be obtained for the fleet's instance type, fleet type and location."),
        .init(
            "FLEET_NEW_GAME_SESSION_PROTECTION_POLICY_UPDATED", .other, .normal,
            "The fleet's default game session protection policy changed."),
        .init(
            "SERVER_PROCESS_INVALID_PATH", .serverProcess, .failure,
            "The server executable or script named in the runtime configuration was not found on the instance."),
        .init(
            "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT", .serverProcess, .failure,
            "A server process did not call InitSDK() within 5 minutes of starting."),
        .init(
            "SERVER_PROCESS_PROCESS_READY_TIMEOUT", .serverProcess, .failure,
            "A server process called InitSDK() but not ProcessReady() within the next 5 minutes."),
        .init(
            "SERVER_PROCESS_CRASHED", .serverProcess, .health,
            "A server process exited without calling ProcessEnding()."),
        .init(
            "SERVER_PROCESS_TERMINATED_UNHEALTHY", .serverProcess, .health,
            "A server process stopped answering health checks for too long and was terminated."),
        .init(
            "SERVER_PROCESS_FORCE_TERMINATED", .serverProcess, .health,
            "A server process did not exit in time after OnProcessTerminate() and was killed."),
        .init(
            "SERVER_PROCESS_PROCESS_EXIT_TIMEOUT", .serverProcess, .health,
            "A server process did not exit within 30 seconds of calling ProcessEnding()."),
        .init(
            "SERVER_PROCESS_SDK_INITIALIZATION_FAILED", .serverProcess, .failure,
            "A server process called InitSDK() and the call failed."),
        .init(
            "SERVER_PROCESS_MISCONFIGURED_CONTAINER_PORT", .serverProcess, .failure,
            "A server process in a container listens on a port that the container group definition does not "
                + "expose."),
        .init(
            "GAME_SESSION_ACTIVATION_TIMEOUT", .gameSession, .health,
            "A game session was not activated in time: ActivateGameSession() was late or never called."),
        .init(
            "FLEET_CREATION_EXTRACTING_BUILD", .fleetCreation, .normal,
            "The build was downloaded to an instance and its files are being extracted."),
        .init(
            "FLEET_CREATION_RUNNING_INSTALLER", .fleetCreation, .normal,
            "The build files were extracted and the build's install script is running."),
        .init(
            "FLEET_CREATION_VALIDATING_RUNTIME_CONFIG", .fleetCreation, .normal,
            "The build is installed; the launch paths of the runtime configuration are being checked and a server "
                + "process started."),
        .init(
            "FLEET_VPC_PEERING_SUCCEEDED", .vpcPeering, .normal,
            "A VPC peering connection between the fleet's VPC and a VPC of your account was established."),
        .init(
            "FLEET_VPC_PEERING_FAILED", .vpcPeering, .failure,
            "A requested VPC peering connection failed; overlapping IPv4 CIDR blocks are the usual cause."),
        .init("FLEET_VPC_PEERING_DELETED", .vpcPeering, .normal, "A VPC peering connection was deleted."),
        .init(
            "INSTANCE_INTERRUPTED", .instance, .health,
            "EC2 interrupted a spot instance of the fleet, with two minutes' notice."),
        .init(
            "INSTANCE_RECYCLED", .instance, .normal,
            "A spot instance at high risk of interruption will be replaced once it hosts no game sessions."),
        .init(
            "INSTANCE_REPLACED_UNHEALTHY", .instance, .health,
            "An instance was found unhealthy and replaced."),
        .init(
            "FLEET_CREATION_COMPLETED_INSTALLER", .fleetCreation, .normal,
            "The build's install script finished; validation follows."),
        .init(
            "FLEET_CREATION_FAILED_INSTALLER", .fleetCreation, .failure,
            "The build's install script failed, before validation could start."),
        .init(
            "COMPUTE_LOG_UPLOAD_FAILED", .other, .health,
            "Logs of a compute (instance or container) could not be uploaded to the service."),
        .init(
            "GAME_SERVER_CONTAINER_GROUP_CRASHED", .container, .health,
            "A game server container group stopped because an essential container in it exited."),
        .init(
            "PER_INSTANCE_CONTAINER_GROUP_CRASHED", .container, .health,
            "The per-instance container group stopped because an essential container in it exited."),
        .init(
            "GAME_SERVER_CONTAINER_GROUP_REPLACED_UNHEALTHY", .container, .health,
            "A game server container group failed its health checks and was replaced."),
        .init("LOCATION_STATE_PENDING", .locationState, .normal, "A fleet location is PENDING: waiting to be created."),
        .init("LOCATION_STATE_CREATING", .locationState, .normal, "A fleet location is being CREATED."),
        .init("LOCATION_STATE_CREATED", .locationState, .normal, "A fleet location's resources were CREATED."),
        .init(
            "LOCATION_STATE_ACTIVATING", .locationState, .normal,
            "A fleet location is ACTIVATING: server processes are being started there."),
        .init("LOCATION_STATE_ACTIVE", .locationState, .normal, "A fleet location is ACTIVE and can host sessions."),
        .init("LOCATION_STATE_UPDATING", .locationState, .normal, "A fleet location is UPDATING to a new deployment."),
        .init(
            "LOCATION_STATE_ERROR", .locationState, .failure,
            "A fleet location moved to ERROR; the events before it say why."),
        .init("LOCATION_STATE_DELETING", .locationState, .normal, "A fleet location is being deleted."),
        .init("LOCATION_STATE_DELETED", .locationState, .normal, "A fleet location was deleted."),
    ]
}
