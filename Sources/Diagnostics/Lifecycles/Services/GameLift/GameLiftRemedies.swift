/// What to do about each GameLift event code that reports a problem, in our own words.
enum GameLiftRemedies {
    /// The remedy for `code`, or `nil` when the code needs none.
    static func remedy(for code: String) -> String? {
        switch code {
        case "FLEET_VALIDATION_LAUNCH_PATH_NOT_FOUND", "SERVER_PROCESS_INVALID_PATH":
            return "Point each launch path of the runtime configuration at the executable as installed: under "
                + "/local/game/ on Linux or C:\\game\\ on Windows, with the exact file name and case "
                + "(for example /local/game/MyServer.x86_64). Check the build's folder layout, then create the "
                + "fleet again."
        case "FLEET_VALIDATION_EXECUTABLE_RUNTIME_FAILURE":
            return "Run the server executable yourself on the fleet's operating system with the launch "
                + "parameters of the runtime configuration; make sure it is executable, that its libraries and "
                + "runtimes are in the build or installed by the install script, and that it does not exit at once."
        case "FLEET_VALIDATION_TIMED_OUT":
            return "Validation took too long; create the fleet again. If it repeats, make the server start "
                + "faster and check the log of the validation step."
        case "FLEET_ACTIVATION_FAILED":
            return "A server process could not be started and activated. Look at the server process events "
                + "just before this one; make the server call InitSDK() and then ProcessReady() within 5 minutes "
                + "each, with ports inside the fleet's inbound permissions."
        case "FLEET_ACTIVATION_FAILED_NO_INSTANCES":
            return "No capacity was available. Try another instance type, on-demand instead of spot, another "
                + "location, or try again later; also check the account's instance limits for GameLift."
        case "FLEET_INITIALIZATION_FAILED":
            return "Read the event message and the log of this step; create the fleet again, and contact AWS "
                + "support if it repeats with no message."
        case "FLEET_BINARY_DOWNLOAD_FAILED":
            return "The build could not be copied to the instance: upload the build again (check its size and "
                + "that the upload finished) and create the fleet again."
        case "FLEET_CREATION_FAILED_INSTALLER":
            return "The install script failed. Read its log; common causes are Windows line endings (CRLF) in a "
                + "Linux install.sh (save it with LF), a missing shebang or execute permission, commands that "
                + "need network access, and a non-zero exit status."
        case "SERVER_PROCESS_SDK_INITIALIZATION_TIMEOUT":
            return "The server must call InitSDK() within 5 minutes of starting: call it early in start-up, "
                + "before loading large assets, and check the server's own log for a crash or a hang."
        case "SERVER_PROCESS_SDK_INITIALIZATION_FAILED":
            return "InitSDK() failed: use a server SDK version that matches the fleet type, and for Anywhere or "
                + "container fleets pass valid connection parameters."
        case "SERVER_PROCESS_PROCESS_READY_TIMEOUT":
            return "The server must call ProcessReady() within 5 minutes of InitSDK(): report ready before "
                + "long initialisation, and pass the port and log paths it needs."
        case "SERVER_PROCESS_CRASHED":
            return "A server process exited without ProcessEnding(). Read the game session logs (aws gamelift "
                + "get-game-session-log-url) and the server's crash output; make the server end with "
                + "ProcessEnding()."
        case "SERVER_PROCESS_TERMINATED_UNHEALTHY":
            return "Health checks stopped: keep the health-check callback responsive (do not block the thread "
                + "that answers it with long synchronous work)."
        case "SERVER_PROCESS_FORCE_TERMINATED", "SERVER_PROCESS_PROCESS_EXIT_TIMEOUT":
            return "Shut down promptly: after OnProcessTerminate() or ProcessEnding(), exit within 30 seconds."
        case "SERVER_PROCESS_MISCONFIGURED_CONTAINER_PORT":
            return "Make the server listen on a port inside the container group definition's port ranges."
        case "GAME_SESSION_ACTIVATION_TIMEOUT":
            return "The server must call ActivateGameSession() promptly in its OnStartGameSession handler."
        case "FLEET_VPC_PEERING_FAILED":
            return "The fleet's VPC and your VPC must not overlap: give your VPC an IPv4 CIDR block that does not "
                + "overlap the fleet's, and check the peering authorization has not expired."
        case "INSTANCE_INTERRUPTED", "INSTANCE_RECYCLED":
            return "Spot instances can be interrupted: use a queue with on-demand fallback for sessions that must "
                + "not be lost."
        case "INSTANCE_REPLACED_UNHEALTHY":
            return "Instances were unhealthy: look for server processes crashing or exhausting memory or disk."
        case "GAME_SERVER_CONTAINER_GROUP_CRASHED", "PER_INSTANCE_CONTAINER_GROUP_CRASHED",
            "GAME_SERVER_CONTAINER_GROUP_REPLACED_UNHEALTHY":
            return "An essential container exited or failed its health check: read the container logs and check "
                + "the health-check command and the container's memory limits."
        case "COMPUTE_LOG_UPLOAD_FAILED":
            return "Logs could not be uploaded: keep log files within the size limits and in the log paths "
                + "reported with ProcessReady()."
        case "FLEET_STATE_ERROR", "LOCATION_STATE_ERROR":
            return "No event in the log says why. Fetch all of the fleet's events (aws gamelift "
                + "describe-fleet-events --fleet-id <fleet>) without a time window, and read the logs the "
                + "creation steps point to."
        default:
            return nil
        }
    }

    /// Failure codes that only say that a step failed: a more specific code near them is the better root cause.
    static let genericFailures: Set<String> = [
        "FLEET_ACTIVATION_FAILED", "FLEET_VALIDATION_TIMED_OUT", "FLEET_INITIALIZATION_FAILED",
    ]
}
