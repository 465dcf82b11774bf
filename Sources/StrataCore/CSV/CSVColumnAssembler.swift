extension CSVLoader {
    /// Concatenates one column's chunks in chunk order into a ``Column``; string chunks are
    /// mapped into one ``StringDictionary`` in first-seen order.
    static func assemble(column: Int, type: DataType, chunks: [CSVChunkColumns]) -> Column {
        let total = chunks.reduce(0) { $0 + $1.rows }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp:
            data = .int64(concatenate(chunks) { $0.columns[column].int64s })
        case .date:
            data = .int32(concatenate(chunks) { $0.columns[column].int32s })
        case .double:
            data = .double(concatenate(chunks) { $0.columns[column].doubles })
        case .bool:
            data = .bool(concatenate(chunks) { $0.columns[column].bools })
        case .string:
            var dictionary = StringDictionary()
            var codes = ContiguousArray<UInt32>()
            codes.reserveCapacity(total)
            for chunk in chunks {
                let local = chunk.columns[column]
                let mapping = (0..<local.dictionary.count).map { dictionary.code(for: local.dictionary.string($0)) }
                if mapping.isEmpty {
                    codes.append(contentsOf: repeatElement(0, count: local.codes.count))
                    continue
                }
                mapping.withUnsafeBufferPointer { map in
                    for code in local.codes { codes.append(map[Int(code)]) }
                }
            }
            // Null rows hold code 0 whatever the chunk's placeholder mapped to.
            var rowBase = 0
            for chunk in chunks {
                for row in chunk.columns[column].nullRows { codes[rowBase + Int(row)] = 0 }
                rowBase += chunk.rows
            }
            data = .string(codes: codes, dictionary: dictionary)
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

    private static func concatenate<Element>(_ chunks: [CSVChunkColumns],
                                             _ values: (CSVChunkColumns) -> ContiguousArray<Element>) -> ContiguousArray<Element> {
        var result = ContiguousArray<Element>()
        result.reserveCapacity(chunks.reduce(0) { $0 + $1.rows })
        for chunk in chunks { result.append(contentsOf: values(chunk)) }
        return result
    }
}
