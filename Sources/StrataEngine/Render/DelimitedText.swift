import StrataCore

/// CSV mode: RFC 4180 text for piping, every row, raw values.
///
/// A header line with the column names, then one line per row ending in `\n` (LF, not
/// CRLF: what Unix tools expect; readers accept both). Fields holding `,` `"` CR or LF are
/// quoted with `"` doubled; the empty string is written `""` and null as an empty field, so
/// the two stay distinct. Values are raw (see ``RawCellEncoder``): no grouping, decimals
/// with their full scale, ISO dates.
enum DelimitedText {
    /// - Complexity: O(rows × columns); output is built in chunks, never by re-copying.
    static func write(_ table: Table, to output: inout ByteSink) {
        for (index, name) in table.columnNames.enumerated() {
            if index > 0 { output.bytes.append(UInt8(ascii: ",")) }
            ByteText.appendCSVField(name, to: &output.bytes)
        }
        output.bytes.append(0x0A)
        guard table.columnCount > 0 else { return }

        var chunk = EncodedChunk(table: table, dialect: .csv)
        for chunkStart in stride(from: 0, to: table.rowCount, by: EncodedChunk.rowsPerChunk) {
            chunk.load(rows: chunkStart..<min(chunkStart + EncodedChunk.rowsPerChunk, table.rowCount))
            chunk.withCells { cells in
                for row in 0..<cells.rowCount {
                    for columnIndex in 0..<table.columnCount {
                        if columnIndex > 0 { output.bytes.append(UInt8(ascii: ",")) }
                        cells.append(column: columnIndex, row: row, to: &output.bytes)
                    }
                    output.bytes.append(0x0A)
                }
            }
            output.flushIfFull()
        }
    }
}
