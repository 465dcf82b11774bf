import StrataCore

/// Writes one column's cells as raw UTF-8 bytes for CSV or JSON, one typed loop per chunk.
///
/// Raw means lossless and ungrouped: integers as digits, decimals with their full scale
/// (`1234.50`), doubles as the shortest text that reads back the same, ISO dates and
/// timestamps, `true`/`false`. CSV writes null as an empty field and quotes strings only
/// when needed (plus the empty string, as `""`, so it differs from null); JSON writes null
/// as `null`, dates and strings as escaped JSON strings, and NaN/infinity as `null`.
struct RawCellEncoder {
    enum Dialect { case csv, json }

    private static let nullBytes: [UInt8] = Array("null".utf8)

    let dialect: Dialect
    let column: Column
    /// Encoded dictionary entries (`bytes[offsets[code]..<offsets[code + 1]]`) when the
    /// dictionary is no larger than the table, so repeated strings are escaped once.
    private var dictionaryBytes: [UInt8] = []
    private var dictionaryOffsets: [Int] = []

    init(column: Column, dialect: Dialect) {
        self.column = column
        self.dialect = dialect
        if case .string(let codes, let dictionary) = column.data, dictionary.count <= max(codes.count, 1) {
            dictionaryOffsets.reserveCapacity(dictionary.count + 1)
            dictionaryOffsets.append(0)
            for string in dictionary.values {
                RawCellEncoder.appendString(string, dialect: dialect, to: &dictionaryBytes)
                dictionaryOffsets.append(dictionaryBytes.count)
            }
        }
    }

    /// Appends the cells of `rows` to `bytes`, recording where each cell ends in `ends`.
    func encode(rows: Range<Int>, into bytes: inout [UInt8], ends: inout [Int]) {
        let hasNulls = column.validity != nil
        let validWords = column.validity?.words ?? []
        @inline(__always) func isNull(_ row: Int) -> Bool {
            hasNulls && validWords[row >> 6] & (1 << UInt64(row & 63)) == 0
        }
        let json = dialect == .json
        @inline(__always) func appendNull(_ bytes: inout [UInt8]) {
            if json { bytes += RawCellEncoder.nullBytes }
        }

        switch (column.type, column.data) {
        case (.int64, .int64(let values)):
            for row in rows {
                if isNull(row) { appendNull(&bytes) } else { ByteText.appendInteger(values[row], to: &bytes) }
                ends.append(bytes.count)
            }
        case (.decimal(let scale), .int64(let values)):
            for row in rows {
                if isNull(row) { appendNull(&bytes) } else { ByteText.appendDecimal(values[row], scale: scale, to: &bytes) }
                ends.append(bytes.count)
            }
        case (.int64, .int32(let values)):  // narrow storage
            for row in rows {
                if isNull(row) { appendNull(&bytes) } else { ByteText.appendInteger(Int64(values[row]), to: &bytes) }
                ends.append(bytes.count)
            }
        case (.decimal(let scale), .int32(let values)):
            for row in rows {
                if isNull(row) { appendNull(&bytes) } else { ByteText.appendDecimal(Int64(values[row]), scale: scale, to: &bytes) }
                ends.append(bytes.count)
            }
        case (.timestamp, .int64(let values)):
            let quote: [UInt8] = dialect == .json ? [UInt8(ascii: "\"")] : []
            for row in rows {
                if isNull(row) {
                    appendNull(&bytes)
                } else {
                    bytes += quote
                    bytes += CivilDate.timestampText(values[row]).utf8
                    bytes += quote
                }
                ends.append(bytes.count)
            }
        case (.date, .int32(let values)):
            for row in rows {
                if isNull(row) {
                    appendNull(&bytes)
                } else {
                    if json { bytes.append(UInt8(ascii: "\"")) }
                    ByteText.appendDate(values[row], to: &bytes)
                    if json { bytes.append(UInt8(ascii: "\"")) }
                }
                ends.append(bytes.count)
            }
        case (.double, .double(let values)):
            for row in rows {
                let value = values[row]
                if isNull(row) || (json && !value.isFinite) {
                    appendNull(&bytes)
                } else {
                    bytes += NumberText.double(value).utf8
                }
                ends.append(bytes.count)
            }
        case (.bool, .bool(let values)):
            for row in rows {
                if isNull(row) { appendNull(&bytes) } else { bytes += (values[row] ? "true" : "false").utf8 }
                ends.append(bytes.count)
            }
        case (.string, .string(let codes, let dictionary)):
            let cached = !dictionaryOffsets.isEmpty
            for row in rows {
                if isNull(row) {
                    appendNull(&bytes)
                } else if cached {
                    let code = Int(codes[row])
                    let start = dictionaryOffsets[code]
                    let end = dictionaryOffsets[code + 1]
                    dictionaryBytes.withUnsafeBufferPointer { cache in
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cache[start..<end]))
                    }
                } else {
                    RawCellEncoder.appendString(dictionary[codes[row]], dialect: dialect, to: &bytes)
                }
                ends.append(bytes.count)
            }
        default:
            preconditionFailure("column data does not match \(column.type)")
        }
    }

    static func appendString(_ string: String, dialect: Dialect, to bytes: inout [UInt8]) {
        switch dialect {
        case .csv: ByteText.appendCSVField(string, to: &bytes)
        case .json: ByteText.appendJSONString(string, to: &bytes)
        }
    }
}

/// Encoded cells of every column for one chunk of rows, so a row writer can interleave them.
///
/// Each chunk runs one typed loop per column (the `switch` on the buffer type happens once
/// per column and chunk, never per cell) into one flat byte buffer, column after column;
/// rows are then stitched together by copying byte ranges.
struct EncodedChunk {
    /// Rows encoded per chunk: large enough to amortise the per-column switch, small enough
    /// to stay in cache.
    static let rowsPerChunk = 4096

    private let encoders: [RawCellEncoder]
    private var bytes: [UInt8] = []
    /// End offset in `bytes` of cell `columnIndex * rowCount + row`.
    private var ends: [Int] = []
    private(set) var rowCount = 0

    init(table: Table, dialect: RawCellEncoder.Dialect) {
        encoders = table.columns.map { RawCellEncoder(column: $0, dialect: dialect) }
    }

    /// Encodes `rows` of every column, replacing the previous chunk.
    mutating func load(rows: Range<Int>) {
        rowCount = rows.count
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        for encoder in encoders {
            encoder.encode(rows: rows, into: &bytes, ends: &ends)
        }
    }

    /// Calls `body` with a reader of the loaded cells; the reader is valid only inside.
    func withCells(_ body: (Cells) -> Void) {
        bytes.withUnsafeBufferPointer { bytePointer in
            ends.withUnsafeBufferPointer { endPointer in
                body(Cells(bytes: bytePointer, ends: endPointer, rowCount: rowCount))
            }
        }
    }

    /// Read access to one loaded chunk.
    struct Cells {
        let bytes: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>
        let rowCount: Int

        /// Appends the cell at `columnIndex`, row `row` of the chunk, to `output`.
        @inline(__always)
        func append(column columnIndex: Int, row: Int, to output: inout [UInt8]) {
            let index = columnIndex &* rowCount &+ row
            let start = index == 0 ? 0 : ends[index &- 1]
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<ends[index]]))
        }
    }
}

/// A byte buffer that hands complete text to a sink whenever it grows past `flushSize`.
struct ByteSink {
    var bytes: [UInt8] = []
    let flushSize: Int
    let sink: (String) -> Void

    init(flushSize: Int = 1 << 20, sink: @escaping (String) -> Void) {
        self.flushSize = flushSize
        self.sink = sink
        bytes.reserveCapacity(flushSize + flushSize / 4)
    }

    /// Flushes when the buffer is full; call between rows so pieces end on a line.
    mutating func flushIfFull() {
        if bytes.count >= flushSize { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        sink(String(decoding: bytes, as: UTF8.self))
        bytes.removeAll(keepingCapacity: true)
    }
}
