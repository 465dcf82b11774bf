extension CSVLoader {
    /// Concatenates one column's chunks in chunk order into a ``Column``; string chunks are
    /// merged into one ``StringDictionary`` in first-seen order (``assembleStrings(column:chunks:total:)``).
    static func assemble(column: Int, type: DataType, chunks: [CSVChunkColumns]) -> Column {
        let total = chunks.reduce(0) { $0 + $1.rows }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp:
            data = .int64(concatenate(chunks, column: column, total: total) { $0.int64s })
        case .date:
            data = .int32(concatenate(chunks, column: column, total: total) { $0.int32s })
        case .double:
            data = .double(concatenate(chunks, column: column, total: total) { $0.doubles })
        case .bool:
            data = .bool(concatenate(chunks, column: column, total: total) { $0.bools })
        case .string:
            data = assembleStrings(column: column, chunks: chunks, total: total)
        }
        var validity: Bitmap?
        if chunks.contains(where: { !$0.columns[column].nullRows.isEmpty }) {
            var bitmap = Bitmap(count: total, value: true)
            var rowBase = 0
            for chunk in chunks {
                for row in chunk.columns[column].nullRows { bitmap[rowBase + Int(row)] = false }
                rowBase += chunk.rows
            }
            validity = bitmap
        }
        return Column(type: type, data: data, validity: validity)
    }

    /// One column's values of every chunk, back to back; raw chunk buffers are freed as soon
    /// as they are copied, so the chunks and the column are not both held in full.
    private static func concatenate<Element: BitwiseCopyable>(
        _ chunks: [CSVChunkColumns], column: Int, total: Int,
        _ values: (CSVColumnChunk) -> ContiguousArray<Element>
    ) -> ContiguousArray<Element> {
        ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            if let base = buffer.baseAddress { CSVValueBuffers.adviseHugePages(base, bytes: total * MemoryLayout<Element>.stride) }
            for chunk in chunks {
                let local = chunk.columns[column]
                local.withValues(values(local)) { part in
                    let count = min(part.count, total - initialized)
                    if count > 0, let target = buffer.baseAddress, let source = part.baseAddress {
                        (target + initialized).initialize(from: source, count: count)
                    }
                    initialized += count
                }
                local.raw?.release(local.rawColumn)
            }
        }
    }
}
