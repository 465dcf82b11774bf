/// One string column's texts in one chunk: its dictionary's arena and offsets, without the
/// hash index that built them.
struct CSVColumnTexts {
    let arena: ContiguousArray<UInt8>
    let offsets: ContiguousArray<Int>
    /// Whether the texts are all different (see ``CSVByteDictionary/appendsOnly``).
    let distinct: Bool
}

extension CSVChunkScan {
    /// Moves the texts of the chunk's speculative dictionaries out and frees their hash
    /// indexes (a third to a half of their memory): pass 1 is done with lookups, and the
    /// reused chunk only needs the texts (see ``restoreTexts(_:into:)``). Per column, nil
    /// where there is nothing to keep.
    mutating func takeDictionaryTexts() -> [CSVColumnTexts?] {
        guard var kept = speculation else { return [] }
        speculation = nil  // one owner while the dictionaries change
        var texts = [CSVColumnTexts?](repeating: nil, count: kept.dictionaries.count)
        for column in kept.dictionaries.indices where kept.dictionaries[column].count > 0 {
            let dictionary = kept.dictionaries[column]
            texts[column] = CSVColumnTexts(arena: dictionary.arena, offsets: dictionary.offsets, distinct: dictionary.distinct)
            kept.dictionaries[column] = CSVByteDictionary()
        }
        speculation = kept
        return texts
    }

    /// Gives the string columns of a chunk reused from this scan's speculation the texts
    /// ``takeDictionaryTexts()`` took.
    static func restoreTexts(_ texts: [CSVColumnTexts?], into columns: inout [CSVColumnChunk]) {
        for column in columns.indices where column < texts.count && columns[column].type == .string {
            guard let kept = texts[column] else { continue }
            columns[column].arena = kept.arena
            columns[column].offsets = kept.offsets
            columns[column].textsDistinct = kept.distinct
        }
    }
}
