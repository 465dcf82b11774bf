import StrataCore

/// JSON mode: one array of objects, every row, one object per line.
///
/// ```
/// [
/// {"id":1,"name":"王芳","amount":1234.50,"signup":"2026-06-30","vip":null},
/// {"id":2,"name":"Li \"Lee\"","amount":-0.05,"signup":"2025-01-02","vip":true}
/// ]
/// ```
/// Keys follow column order. Integers, decimals (exact, with their scale) and finite
/// doubles are JSON numbers; NaN and infinities become `null`; dates and timestamps are
/// strings; strings are escaped per RFC 8259 with non-ASCII kept as UTF-8. An empty table
/// is `[]`.
enum JSONText {
    /// - Complexity: O(rows × columns); output is built in chunks, never by re-copying.
    static func write(_ table: Table, to output: inout ByteSink) {
        guard table.rowCount > 0, table.columnCount > 0 else {
            output.bytes += "[]\n".utf8
            return
        }
        // `"name":` for each column, escaped once.
        let keys: [[UInt8]] = table.columnNames.map { name in
            var key: [UInt8] = []
            ByteText.appendJSONString(name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        output.bytes += "[\n".utf8
        var chunk = EncodedChunk(table: table, dialect: .json)
        for chunkStart in stride(from: 0, to: table.rowCount, by: EncodedChunk.rowsPerChunk) {
            chunk.load(rows: chunkStart..<min(chunkStart + EncodedChunk.rowsPerChunk, table.rowCount))
            chunk.withCells { cells in
                for row in 0..<cells.rowCount {
                    output.bytes.append(UInt8(ascii: "{"))
                    for columnIndex in 0..<table.columnCount {
                        if columnIndex > 0 { output.bytes.append(UInt8(ascii: ",")) }
                        output.bytes += keys[columnIndex]
                        cells.append(column: columnIndex, row: row, to: &output.bytes)
                    }
                    output.bytes.append(UInt8(ascii: "}"))
                    if chunkStart + row + 1 < table.rowCount { output.bytes.append(UInt8(ascii: ",")) }
                    output.bytes.append(0x0A)
                }
            }
            output.flushIfFull()
        }
        output.bytes += "]\n".utf8
    }
}
