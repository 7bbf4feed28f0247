import Foundation

/// Where an export goes: one file for traces, a folder of table files (one folder per table and date with
/// `partition`). Written in the set's order, one log at a time.
final class ExportDestination {
    private let options: ExportOptions
    private let output: String
    private var single: OutputFile?
    private var tables: [String: OutputFile] = [:]
    private var tableOrder: [String] = []
    private var wroteLog = false
    private(set) var rowCounts: [ExportTable: Int] = [:]
    /// The files written, in the order they were opened.
    var files: [String] { single.map { [$0.path] } ?? tableOrder }

    init(output: String, options: ExportOptions) throws(ExportError) {
        self.options = options
        self.output = output
        switch options.format {
        case .otlp, .chrome:
            if options.partition { throw .partitionNeedsTables(options.format) }
            let file = try OutputFile(path: output)
            if options.format == .chrome { try file.write(ChromeTraceEncoder.header) }
            single = file
        case .ndjson:
            try ExportDestination.makeFolder(output)
            if !options.partition {
                for table in ExportTable.allCases {
                    _ = try file(URL(fileURLWithPath: output).appendingPathComponent("\(table.rawValue).jsonl").path)
                }
            }
        }
    }

    private static func makeFolder(_ path: String) throws(ExportError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private func file(_ path: String) throws(ExportError) -> OutputFile {
        if let open = tables[path] { return open }
        let file = try OutputFile(path: path)
        tables[path] = file
        tableOrder.append(path)
        return file
    }

    func write(_ encoded: EncodedLog) throws(ExportError) {
        switch encoded {
        case .bytes(let bytes):
            if options.format == .chrome, wroteLog { try single?.write(ChromeTraceEncoder.separator) }
            wroteLog = true
            try single?.write(bytes)
        case .rows(let rows, let date):
            let root = URL(fileURLWithPath: output)
            for table in ExportTable.allCases {
                guard let bytes = rows[table], !bytes.isEmpty else { continue }
                rowCounts[table, default: 0] += bytes.count { $0 == UInt8(ascii: "\n") }
                let path: String
                if options.partition {
                    let folder = root.appendingPathComponent(table.rawValue).appendingPathComponent("date=\(date)")
                    if tables[folder.appendingPathComponent("part-0.jsonl").path] == nil {
                        try ExportDestination.makeFolder(folder.path)
                    }
                    path = folder.appendingPathComponent("part-0.jsonl").path
                } else {
                    path = root.appendingPathComponent("\(table.rawValue).jsonl").path
                }
                try file(path).write(bytes)
            }
        }
    }

    /// Closes the document and every file.
    func finish() throws(ExportError) {
        if options.format == .chrome { try single?.write(ChromeTraceEncoder.footer) }
        try single?.close()
        for path in tableOrder { try tables[path]?.close() }
    }
}
