/// What the fused loop (``CSVParseContext/fusedRecords``) needs from a speculation.
extension CSVSpeculation {
    /// Moves the dictionaries out into a buffer the caller must hand back with
    /// ``restoreDictionaries(_:count:)``.
    mutating func takeDictionaries() -> UnsafeMutablePointer<CSVByteDictionary> {
        let buffer = UnsafeMutablePointer<CSVByteDictionary>.allocate(capacity: max(dictionaries.count, 1))
        buffer.initialize(from: dictionaries, count: dictionaries.count)
        dictionaries = []
        return buffer
    }

    /// Moves the dictionaries back in and frees `buffer`.
    mutating func restoreDictionaries(_ buffer: UnsafeMutablePointer<CSVByteDictionary>, count: Int) {
        dictionaries = Array(UnsafeMutableBufferPointer(start: buffer, count: count))
        buffer.deinitialize(count: count)
        buffer.deallocate()
    }

    /// Adds the shapes of the texts the fused loop counted (see
    /// ``CSVValueBuffers/countCodes(_:rows:nullRows:codes:)``) to `stats`: each distinct text is classified once
    /// and weighted by its count, which equals classifying every occurrence (texts are kept
    /// trimmed, as the general loop classifies them).
    func classifyCountedTexts(_ column: Int, pattern: CSVDatePattern?, into stats: inout CSVColumnStats) {
        let counts = buffers.codeCounts(column)
        guard !counts.isEmpty else { return }
        dictionaries[column].arena.withUnsafeBufferPointer { arena in
            guard let arenaBase = arena.baseAddress else { return }
            for code in counts.indices where counts[code] > 0 {
                let start = dictionaries[column].offsets[code]
                let length = dictionaries[column].offsets[code + 1] - start
                var one = CSVColumnStats()
                one.classify(arenaBase + start, length, pattern: pattern)
                stats.merge(one, times: Int(counts[code]))
            }
        }
    }
}
