import Foundation
import StrataCore
import StrataLang

/// What an export wrote.
public struct ExportSummary: Sendable, Equatable {
    /// Data rows written (the header not counted).
    public var rows: Int
    public var columns: Int
    /// Size of the file in bytes, BOM included.
    public var bytes: Int

    public init(rows: Int, columns: Int, bytes: Int) {
        self.rows = rows
        self.columns = columns
        self.bytes = bytes
    }

    /// `exported 1,301 rows × 3 columns to out/x.csv`
    public func message(path: String) -> String {
        "exported \(NumberText.count(rows, "row")) × \(NumberText.count(columns, "column")) to \(path)"
    }
}

/// Writes a table as a CSV file for people and spreadsheets: `export` and `segment export`.
///
/// The file is RFC 4180: a header row, then one line per row; fields holding `,` `"` CR or LF
/// are quoted with `"` doubled. Cells are encoded by ``ExportCellEncoder``: numbers as
/// numbers (decimals with their scale, negatives plain), ISO dates, null as an empty field,
/// and text guarded against formula injection — a text cell (header names included) that
/// starts with `=` `+` `-` `@` TAB or CR gets a leading `'`. Plain mode writes UTF-8 with LF
/// line ends; `excel` writes a UTF-8 byte-order mark and CRLF, so Excel on Chinese Windows
/// reads the Chinese text correctly instead of guessing GBK.
///
/// The write is atomic against failures of the process: the bytes go to a hidden temporary
/// file in the target's folder, which is then renamed over the target. It is not forced to
/// disk (no `fsync`, see ``ExportFile``): after a power cut soon after an export, a new file
/// may be empty; run the export again. Any failure (disk full, Ctrl-C, a bad column name)
/// removes the temporary file and leaves an existing file as it was. Missing parent folders
/// are created.
public enum CSVExport {
    /// Rows encoded per chunk, column by column (the type switch runs once per column and
    /// chunk, never per cell).
    static let rowsPerChunk = 4096
    /// Bytes gathered before each `write(2)`.
    static let flushSize = 1 << 20

    /// Writes `table` (only `columns`, in that order, when given) to the file at `path`.
    ///
    /// - Parameters:
    ///   - path: where to write, already resolved and checked against the session's
    ///     ``FileAccessPolicy`` (``Session/accessiblePath(_:at:)``).
    ///   - displayPath: how error messages name the file (default: `path`).
    /// - Throws: ``Diagnostic`` for an unknown column or a file that cannot be written,
    ///   ``Cancelled`` on Ctrl-C; the target is then unchanged.
    /// - Complexity: O(rows × columns); memory O(chunk), independent of the row count.
    public static func write(_ table: Table, columns: [String]? = nil, to path: String, excel: Bool = false,
                             displayPath: String? = nil) throws -> ExportSummary {
        try write(table, columns: columns, to: path, excel: excel, displayPath: displayPath) { try Cancellation.check() }
    }

    /// ``write(_:columns:to:excel:displayPath:)`` calling `checkpoint` before each chunk
    /// of rows (tests inject a failure there).
    static func write(_ table: Table, columns: [String]?, to path: String, excel: Bool, displayPath: String?,
                      checkpoint: () throws -> Void) throws -> ExportSummary {
        let shown = displayPath ?? path
        let selected = try CSVExportOptions(columns: columns?.map { Name($0, 0..<0) }).select(from: table)
        var file = try ExportFile(creatingBeside: path, displayPath: shown)
        do {
            try encode(selected, excel: excel, to: &file, checkpoint: checkpoint)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
        return ExportSummary(rows: selected.rowCount, columns: selected.columnCount, bytes: file.written)
    }

    /// Streams the CSV bytes of `table` into `file`, one chunk of rows at a time.
    static func encode(_ table: Table, excel: Bool, to file: inout ExportFile, checkpoint: () throws -> Void) throws {
        let lineEnd: [UInt8] = excel ? [0x0D, 0x0A] : [0x0A]
        var output: [UInt8] = []
        output.reserveCapacity(flushSize + flushSize / 4)
        if excel { output += [0xEF, 0xBB, 0xBF] }
        for (index, name) in table.columnNames.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            ExportCellEncoder.appendText(name, to: &output)
        }
        output += lineEnd
        guard table.columnCount > 0 else { return try file.append(output) }

        let encoders = table.columns.map { ExportCellEncoder(column: $0, excel: excel) }
        var cells: [UInt8] = []
        var ends: [Int] = []
        for chunkStart in stride(from: 0, to: table.rowCount, by: rowsPerChunk) {
            try checkpoint()
            let rows = chunkStart..<min(chunkStart + rowsPerChunk, table.rowCount)
            cells.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            for encoder in encoders { encoder.encode(rows: rows, into: &cells, ends: &ends) }
            stitch(cells: cells, ends: ends, rows: rows.count, columns: encoders.count, lineEnd: lineEnd, into: &output)
            if output.count >= flushSize {
                try file.append(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        try file.append(output)
    }

    /// Appends the column-major `cells` of one chunk as row-major lines: the output grows once
    /// by the chunk's exact size, then each cell is copied into place.
    /// - Complexity: O(bytes of the chunk)
    static func stitch(cells: [UInt8], ends: [Int], rows: Int, columns: Int, lineEnd: [UInt8],
                       into output: inout [UInt8]) {
        let start = output.count
        let size = cells.count + rows * (columns - 1 + lineEnd.count)
        output.append(contentsOf: repeatElement(0, count: size))
        output.withUnsafeMutableBufferPointer { target in
            cells.withUnsafeBufferPointer { cellBytes in
                ends.withUnsafeBufferPointer { cellEnds in
                    guard let out = target.baseAddress else { return }
                    // No cell has a byte when `cells` is empty: any pointer will do.
                    let source = cellBytes.baseAddress ?? UnsafePointer(out)
                    var cursor = start
                    for row in 0..<rows {
                        for column in 0..<columns {
                            if column > 0 { out[cursor] = UInt8(ascii: ","); cursor &+= 1 }
                            let index = column &* rows &+ row
                            let from = index == 0 ? 0 : cellEnds[index &- 1]
                            let length = cellEnds[index] &- from
                            // Cells are short: a byte loop beats a call to memcpy.
                            for offset in 0..<length { out[cursor &+ offset] = source[from &+ offset] }
                            cursor &+= length
                        }
                        for byte in lineEnd { out[cursor] = byte; cursor &+= 1 }
                    }
                }
            }
        }
    }
}
