import Foundation
import RetraceTestSupport
import Testing

@testable import Rendering

@Suite("SVGWriter")
struct SVGWriterTests {
    /// A small timeline-like drawing: two lanes, bars with tooltips, an axis line and a marker path.
    static func timeline() -> SVGWriter {
        var svg = SVGWriter(width: 640, height: 120.5, title: "run <42> & friends")
        svg.addStyle(".bar { fill: #4a90d9; }\n.failed > rect { fill: #d9534f; }")
        svg.group(id: "lanes", class: "lanes") { lanes in
            lanes.group(id: "lane-Validate", class: "lane") { lane in
                lane.text("Validate", x: 8, y: 20, class: "label")
                lane.rect(x: 120, y: 8, width: 100.256, height: 16, cornerRadius: 2, class: "bar", tooltip: "1.25 s")
            }
            lanes.group(id: "lane-Reserve", class: "lane failed", attributes: ["data-state": "Reserve"]) { lane in
                lane.text(
                    "Reserve <Task> \"quoted\"", x: 8, y: 44, anchor: .start,
                    tooltip: "failed: States.TaskFailed & more")
                lane.rect(x: 220, y: 32, width: 40, height: 16, tooltip: nil)
            }
        }
        svg.line(x1: 0, y1: 100, x2: 640, y2: 100, class: "axis", attributes: ["stroke": "#999"])
        var marker = SVGPath()
        marker.move(toX: 260, y: 28)
        marker.line(toX: 264, y: 20)
        marker.curve(toX: 256, y: 20, c1x: 262, c1y: 18, c2x: 258, c2y: 18)
        marker.close()
        svg.path(marker, id: "failure-marker", class: "marker")
        svg.text("0 s", x: 120, y: 114, anchor: .middle)
        svg.text("3.5 s", x: 640, y: 114, anchor: .end)
        return svg
    }

    @Test func timelineMatchesSnapshot() {
        Snapshot.expectMatches(Self.timeline().render(), named: "timeline.svg")
    }

    @Test func timelineParsesWithTheExpectedStructure() throws {
        let text = Self.timeline().render()
        let structure = SVGStructure(parsing: text)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(structure.rootAttributes["width"] == "640")
        #expect(structure.rootAttributes["height"] == "120.5")
        #expect(structure.rootAttributes["viewBox"] == "0 0 640 120.5")
        #expect(structure.groups.map(\.id) == ["lane-Validate", "lane-Reserve", "lanes"])
        #expect(structure.groups.map(\.className) == ["lane", "lane failed", "lanes"])
        #expect(structure.texts == ["Validate", "Reserve <Task> \"quoted\"", "0 s", "3.5 s"])
        #expect(structure.elementNames.filter { $0 == "rect" }.count == 2)
        #expect(structure.elementNames.filter { $0 == "title" }.count == 3)
        #expect(structure.elementNames.contains("style"))
        #expect(text.contains("d=\"M260 28 L264 20 C262 18 258 18 256 20 Z\""))
        #expect(text.contains("width=\"100.26\""))
    }

    @Test func hostileTextStaysText() {
        let hostile = "</text><script>alert(1)</script><text>\u{0}\u{1B}]0;title\u{7} & \"x\" 'y' 🚀 処理"
        var svg = SVGWriter(width: 10, height: 10, title: hostile)
        svg.addStyle("</style><script>alert(2)</script>")
        svg.group(id: hostile, class: hostile, attributes: [hostile: hostile]) { group in
            group.text(
                hostile, x: 0, y: 0, id: hostile, class: hostile, attributes: ["data-x": hostile], tooltip: hostile)
            group.rect(x: 0, y: 0, width: 1, height: 1, tooltip: hostile)
        }
        let text = svg.render()
        let structure = SVGStructure(parsing: text)
        #expect(structure.isWellFormed, "\(structure.parseError ?? "")")
        #expect(!structure.elementNames.contains("script"))
        #expect(!text.contains("<script"))
        let cleaned = XMLEscaper.removingIllegalCharacters(hostile)
        #expect(structure.texts == [cleaned])
        #expect(structure.groups.first?.id == cleaned)
    }

    @Test(arguments: [
        (0.0, "0"), (1.0, "1"), (1.5, "1.5"), (1.25, "1.25"), (1.005, "1"), (1.006, "1.01"), (0.05, "0.05"),
        (-0.001, "0"), (-2.5, "-2.5"), (-0.07, "-0.07"), (1234567.891, "1234567.89"), (Double.nan, "0"),
        (Double.infinity, "0"), (1e13, "0"), (0.1 + 0.2, "0.3"),
    ])
    func numbersAreShortAndStable(value: Double, expected: String) {
        #expect(SVGWriter.format(value) == expected)
    }

    @Test func explicitViewBox() {
        let svg = SVGWriter(width: 800, height: 200, viewBox: SVGViewBox(x: -10, y: 0, width: 65_000.5, height: 100))
        let structure = SVGStructure(parsing: svg.render())
        #expect(structure.rootAttributes["viewBox"] == "-10 0 65000.5 100")
        #expect(structure.rootAttributes["width"] == "800")
    }

    @Test func negativeSizesAreClampedToZero() {
        var svg = SVGWriter(width: -5, height: .nan)
        svg.rect(x: 1, y: 1, width: -3, height: 2)
        let text = svg.render()
        #expect(text.contains("width=\"0\" height=\"0\" viewBox=\"0 0 0 0\""))
        #expect(text.contains("<rect x=\"1\" y=\"1\" width=\"0\" height=\"2\"/>"))
    }

    @Test func deepGroupsAreClosedAndIndentationIsBounded() {
        var svg = SVGWriter(width: 1, height: 1)
        func nest(_ writer: inout SVGWriter, _ remaining: Int) {
            guard remaining > 0 else {
                writer.text("deep", x: 0, y: 0)
                return
            }
            writer.group(class: "level") { nest(&$0, remaining - 1) }
        }
        nest(&svg, 200)
        let text = svg.render()
        let structure = SVGStructure(parsing: text)
        #expect(structure.isWellFormed)
        #expect(structure.groups.count == 200)
        #expect(text.split(separator: "\n").allSatisfy { $0.prefix { $0 == " " }.count <= 32 })
    }
}
