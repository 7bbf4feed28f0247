import StepFunctions

/// How execution graphs look: a shape per state type, and per status a fill colour *and* a border style, so
/// that a graph printed in black and white (or read by someone who does not tell red from green) still shows
/// every outcome. The legend is written from the same table.
enum GraphStyle {
    /// The look of one status (or of a state never entered, `nil`).
    struct Look {
        var fill: String
        var border: String
        var dash: String
        var penWidth: Double
        var fontColor: String
        /// The border in words, for the legend.
        var description: String
    }

    static let rootCauseColor = "#d00000"
    static let rootCausePenWidth = 5.0
    static let catchColor = "#b35c00"
    static let redriveColor = "#1f5fa8"
    static let fanOutColor = "#8c8c8c"
    static let notTakenColor = "#b5b5b5"

    static func look(_ status: Status?) -> Look {
        switch status {
        case .succeeded?:
            return Look(
                fill: "#d4edda", border: "#2f6b3a", dash: "solid", penWidth: 1, fontColor: "#000000",
                description: "thin solid border")
        case .failed?:
            return Look(
                fill: "#f8d7da", border: "#a4161a", dash: "solid", penWidth: 3, fontColor: "#000000",
                description: "thick solid border")
        case .timedOut?:
            return Look(
                fill: "#ffe0b2", border: "#a4161a", dash: "dashed", penWidth: 3, fontColor: "#000000",
                description: "thick dashed border")
        case .caught?:
            return Look(
                fill: "#fff3cd", border: "#8a6d00", dash: "dashed", penWidth: 1.5, fontColor: "#000000",
                description: "thin dashed border")
        case .aborted?:
            return Look(
                fill: "#e2e3e5", border: "#555555", dash: "dotted", penWidth: 1.5, fontColor: "#000000",
                description: "thin dotted border, grey fill")
        case .running?:
            return Look(
                fill: "#cce5ff", border: "#004085", dash: "dotted", penWidth: 3, fontColor: "#000000",
                description: "thick dotted border")
        case nil:
            return Look(
                fill: "#ffffff", border: "#aaaaaa", dash: "dotted", penWidth: 1, fontColor: "#888888",
                description: "thin dotted border, no fill, grey text")
        }
    }

    /// Graphviz's shape for a state type, and whether its corners are rounded and how many outlines it has.
    static func shape(_ type: StateType?) -> (name: String, rounded: Bool, peripheries: Int) {
        switch type {
        case .task?: return ("box", true, 1)
        case .pass?: return ("ellipse", false, 1)
        case .choice?: return ("diamond", false, 1)
        case .wait?: return ("hexagon", false, 1)
        case .succeed?: return ("ellipse", false, 2)
        case .fail?: return ("octagon", false, 1)
        case .parallel?: return ("parallelogram", false, 1)
        case .map?: return ("box3d", false, 1)
        case nil: return ("box", false, 1)
        }
    }

    /// The shapes in words, for the legend.
    static let shapeDescription = [
        "Task: rounded box, Pass: ellipse, Choice: diamond, Wait: hexagon,",
        "Succeed: double ellipse, Fail: octagon, Parallel: parallelogram, Map: 3-D box",
    ]
}
