extension CSVLoader {
    /// One string column's chunks as dictionary codes: the chunks' byte dictionaries are
    /// merged by their UTF-8 bytes (one cheap byte hash per distinct chunk entry, no `String`
    /// hashing), in chunk order, which keeps the first-seen order of a sequential read.
    /// - Complexity: O(rows + distinct bytes); one `String` per distinct value.
    static func assembleStrings(column: Int, chunks: [CSVChunkColumns], total: Int) -> ColumnData {
        var merged = CSVByteDictionary(capacity: chunks.reduce(0) { $0 + $1.columns[column].dictionary.count })
        var codes = ContiguousArray<UInt32>()
        codes.reserveCapacity(total)
        var mapping = ContiguousArray<UInt32>()
        for chunk in chunks {
            let local = chunk.columns[column]
            mapping.removeAll(keepingCapacity: true)
            local.dictionary.forEachEntry { base, length in mapping.append(merged.code(base, length)) }
            if mapping.isEmpty {
                codes.append(contentsOf: repeatElement(0, count: local.count))
            } else {
                mapping.withUnsafeBufferPointer { map in
                    local.withValues(local.codes) { chunkCodes in
                        for code in chunkCodes { codes.append(map[Int(code)]) }
                    }
                }
            }
            local.raw?.release(local.rawColumn)
        }
        // Null rows hold code 0 whatever the chunk's placeholder mapped to.
        var rowBase = 0
        for chunk in chunks {
            for row in chunk.columns[column].nullRows { codes[rowBase + Int(row)] = 0 }
            rowBase += chunk.rows
        }
        return .string(codes: codes, dictionary: StringDictionary(distinct: merged.strings()))
    }
}
