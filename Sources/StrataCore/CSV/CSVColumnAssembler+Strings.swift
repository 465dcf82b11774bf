extension CSVLoader {
    /// One string column's chunks as dictionary codes: the chunks' byte dictionaries are
    /// merged by their UTF-8 bytes (``CSVStringMerge``), in chunk order, which keeps the
    /// first-seen order of a sequential read. Each chunk's texts are freed once merged, its
    /// codes once mapped.
    /// - Complexity: O(rows + distinct bytes); the distinct texts are copied once, and
    ///   no `String` is made (see ``StringDictionary``).
    static func assembleStrings(_ chunks: inout [CSVColumnChunk], rows: [Int], total: Int) -> ColumnData {
        for index in chunks.indices { chunks[index].keepTextsOnly() }
        let merge = CSVStringMerge(arenas: chunks.map(\.arena), offsets: chunks.map(\.offsets),
                                   distinct: chunks.allSatisfy(\.textsDistinct))
        defer { merge.deallocate() }
        for index in chunks.indices { (chunks[index].arena, chunks[index].offsets) = ([], [0]) }
        // Codes in the narrowest width the merged dictionary allows (``DictionaryCodes``).
        let distinct = merge.offsets.count - 1
        let codes: DictionaryCodes
        if distinct <= 1 << 8 {
            codes = .uint8(remap(chunks, merge: merge, rows: rows, total: total, as: UInt8.self))
        } else if distinct <= 1 << 16 {
            codes = .uint16(remap(chunks, merge: merge, rows: rows, total: total, as: UInt16.self))
        } else {
            codes = .uint32(remap(chunks, merge: merge, rows: rows, total: total, as: UInt32.self))
        }
        return .string(codes: codes, dictionary: StringDictionary(utf8: merge.utf8, offsets: merge.offsets))
    }

    /// Each chunk's local codes mapped to the merged dictionary's codes, as `Code` (wide enough
    /// for every merged code); null rows hold 0.
    private static func remap<Code: FixedWidthInteger & UnsignedInteger>(
        _ chunks: [CSVColumnChunk], merge: CSVStringMerge, rows: [Int], total: Int, as: Code.Type
    ) -> ContiguousArray<Code> {
        ContiguousArray<Code>(unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = total
            guard let target = buffer.baseAddress else { return }
            CSVValueBuffers.adviseHugePages(target, bytes: total * MemoryLayout<Code>.stride)
            guard let mapBase = merge.codes.baseAddress else {
                // No text in any chunk: every row is null, code 0.
                return target.initialize(repeating: 0, count: total)
            }
            var rowBase = 0
            for (index, chunk) in chunks.enumerated() {
                let map = mapBase + merge.entryBase[index]
                let entries = merge.entryBase[index + 1] - merge.entryBase[index]
                let end = min(rowBase + rows[index], total)
                var written = 0
                if entries > 0 {
                    chunk.withValues(chunk.codes) { chunkCodes in
                        guard let source = chunkCodes.baseAddress else { return }
                        written = max(0, min(chunkCodes.count, end - rowBase))
                        let out = target + rowBase
                        for row in 0..<written { out[row] = Code(truncatingIfNeeded: map[Int(source[row])]) }
                    }
                }
                // A chunk of nulls only has no entries: code 0 throughout.
                if rowBase + written < end { (target + rowBase + written).initialize(repeating: 0, count: end - rowBase - written) }
                // Null rows hold code 0 whatever the chunk's placeholder mapped to.
                for row in chunk.nullRows where rowBase + Int(row) < end { target[rowBase + Int(row)] = 0 }
                chunk.raw?.release(chunk.rawColumn)
                rowBase += rows[index]
            }
        }
    }
}
