import Foundation

/// Turns an SVG document of our own (the timelines) into PNG or PDF bytes through `rsvg-convert`, librsvg's
/// converter (Debian's `librsvg2-bin`, installed by `Scripts/install-dependencies`).
///
/// Why librsvg and not Graphviz: a timeline is drawn by Retrace as SVG, not laid out by Graphviz, and
/// librsvg renders SVG itself with cairo and pango, the same libraries Graphviz draws its PNG and PDF with, so
/// the picture keeps the SVG's exact look and the same fonts (fontconfig fallbacks included) as the graphs. It
/// runs as a child process: librsvg is thread-safe, but linking it would add a build dependency on its
/// development headers for one conversion that takes milliseconds.
public enum SVGConverter {
    /// The formats `rsvg-convert` writes for us.
    public enum Format: String, Sendable, CaseIterable {
        /// PNG at 96 dpi: one pixel per SVG user unit, so the picture has the SVG's width and height.
        case png
        /// PDF, one page the size of the drawing (one SVG unit = 0.75 pt, as at 96 dpi).
        case pdf
    }

    /// Why an SVG could not be converted.
    public enum ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
        /// `rsvg-convert` is not on the `PATH`.
        case converterMissing(format: String)
        /// `rsvg-convert` ran and failed; `message` is what it said.
        case failed(format: String, message: String)

        /// A message for people, with the fix where there is one.
        public var description: String {
            switch self {
            case .converterMissing(let format):
                return "writing \(format.uppercased()) needs rsvg-convert (Debian package librsvg2-bin; "
                    + "Scripts/install-dependencies installs it); --format svg needs nothing"
            case .failed(let format, let message):
                return "rsvg-convert could not draw the \(format.uppercased()): "
                    + (message.isEmpty ? "it did not say why" : message)
            }
        }
    }

    /// Converts `svg` to `format` and returns the file's bytes.
    public static func convert(svg: String, to format: Format) throws(ConversionError) -> [UInt8] {
        guard let converter = executable(named: "rsvg-convert") else {
            throw .converterMissing(format: format.rawValue)
        }
        let process = Process()
        process.executableURL = converter
        process.arguments = ["--format", format.rawValue, "--dpi-x", "96", "--dpi-y", "96"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .failed(format: format.rawValue, message: error.localizedDescription)
        }
        // The SVG is written from another thread while this one reads: a large drawing would otherwise fill
        // both pipes and leave each process waiting for the other.
        let document = Data(svg.utf8)
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: document)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = ErrorCollector(errors.fileHandleForReading)
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = errorData.text()
        guard process.terminationReason == .exit, process.terminationStatus == 0, !bytes.isEmpty else {
            throw .failed(format: format.rawValue, message: message)
        }
        return [UInt8](bytes)
    }

    /// The first executable file called `name` in the `PATH`.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// Reads a child's standard error on its own thread, so that a chatty child cannot block on a full pipe.
private final class ErrorCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    /// What the child wrote, once it has closed the pipe, trimmed.
    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
