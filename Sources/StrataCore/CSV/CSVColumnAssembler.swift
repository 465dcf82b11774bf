extension CSVLoader {
    /// Every column of the parsed chunks, assembled in parallel; `chunks` is emptied, and
    /// each column's chunk buffers are freed as soon as that column is built.
    /// - Complexity: O(rows × columns + distinct text bytes).
    static func assembleColumns(types: [DataType], chunks: inout [CSVChunkColumns], threads: Int) -> [Column] {
        let rows = chunks.map(\.rows)
        // Column-major, so that each column's task owns its chunks (and can free them).
        let byColumn = UnsafeMutableBufferPointer<[CSVColumnChunk]>.allocate(capacity: max(types.count, 1))
        byColumn.initialize(repeating: [])
        defer { byColumn.deinitialize(); byColumn.deallocate() }
        var costs = [Int](repeating: 0, count: types.count)
        for column in types.indices {
            byColumn[column] = chunks.map { $0.columns[column] }
            for chunk in byColumn[column].indices {
                // A chunk reused from pass 1 holds its texts already, without a dictionary.
                byColumn[column][chunk].keepTextsOnly()
                costs[column] += max(byColumn[column][chunk].offsets.count - 1, 0)
            }
        }
        // The chunk dictionaries' hash indexes are freed here, before any column is built.
        chunks = []
        // On several threads the costliest columns (most texts to merge) start first, so no
        // thread is left with a long merge at the end. On one, the cheap columns go first:
        // their chunk buffers are freed (and narrowed) before the big merges need memory.
        let descending = threads > 1
        let order = types.indices.sorted {
            costs[$0] != costs[$1] ? (costs[$0] > costs[$1]) == descending : $0 < $1
        }
        nonisolated(unsafe) let shared = byColumn
        let built = CSVParallel.map(count: types.count, threads: threads) { task in
            let column = order[task]
            return CSVLoader.assemble(type: types[column], chunks: &shared[column], rows: rows)
        }
        var columns = [Column?](repeating: nil, count: types.count)
        for (task, column) in built.enumerated() { columns[order[task]] = column }
        return columns.compactMap { $0 }
    }

    /// Concatenates one column's chunks in chunk order into a ``Column``; string chunks are
    /// merged into one ``StringDictionary`` in first-seen order (``assembleStrings(_:rows:total:)``).
    /// `chunks` is emptied: each chunk's buffers are freed as soon as they are consumed, so
    /// the chunks and the column are not both held in full.
    /// - Complexity: O(rows + distinct text bytes).
    static func assemble(type: DataType, chunks: inout [CSVColumnChunk], rows: [Int]) -> Column {
        let total = rows.reduce(0, +)
        // Null rows first: the value buffers are released while they are copied.
        var validity: Bitmap?
        if chunks.contains(where: { !$0.nullRows.isEmpty }) {
            var bitmap = Bitmap(count: total, value: true)
            var rowBase = 0
            for (index, chunk) in chunks.enumerated() {
                for row in chunk.nullRows where rowBase + Int(row) < total { bitmap[rowBase + Int(row)] = false }
                rowBase += rows[index]
            }
            validity = bitmap
        }
        let data: ColumnData
        switch type {
        case .int64, .decimal:
            // Narrow storage (``Column/narrowed()``) straight from the chunks when every value
            // fits in 32 bits (those written narrow by pass 1 do): the wide column is never built.
            if chunks.allSatisfy({ $0.isNarrow || fitInt32($0) }) {
                data = .int32(concatenateNumbers(chunks, total: total, as: Int32.self))
            } else {
                data = .int64(concatenateNumbers(chunks, total: total, as: Int64.self))
            }
        case .timestamp:
            data = .int64(concatenate(chunks, total: total) { $0.int64s })
        case .date:
            data = .int32(concatenate(chunks, total: total) { $0.int32s })
        case .double:
            data = .double(concatenate(chunks, total: total) { $0.doubles })
        case .bool:
            data = .bool(concatenate(chunks, total: total) { $0.bools })
        case .string:
            data = assembleStrings(&chunks, rows: rows, total: total)
        }
        chunks = []
        return Column(type: type, data: data, validity: validity)
    }

    /// True when every 64-bit value of the chunk (nulls hold 0) lies in `Int32`'s range.
    /// - Complexity: O(rows)
    private static func fitInt32(_ chunk: CSVColumnChunk) -> Bool {
        chunk.withValues(chunk.int64s) { values in
            // v fits iff v + 2^31 lies in 0..<2^32; OR-ing the sums vectorises.
            var bits: UInt64 = 0
            for value in values { bits |= UInt64(bitPattern: value &+ 0x8000_0000) }
            return bits >> 32 == 0
        }
    }

    /// One column's values of every chunk as `Element` (`Int32` when they all fit, else
    /// `Int64`), back to back, in one array sized once: narrow chunks are copied or
    /// sign-extended, wide ones copied or truncated. Raw chunk buffers are freed as soon as
    /// they are read.
    private static func concatenateNumbers<Element: FixedWidthInteger & BitwiseCopyable>(
        _ chunks: [CSVColumnChunk], total: Int, as: Element.Type
    ) -> ContiguousArray<Element> {
        ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            CSVValueBuffers.adviseHugePages(base, bytes: total * MemoryLayout<Element>.stride)
            for local in chunks {
                let target = base + initialized
                if local.isNarrow {
                    local.withValues(local.int32s) { part in
                        let count = min(part.count, total - initialized)
                        copy(part, count: count, to: target)
                        initialized += count
                    }
                } else {
                    local.withValues(local.int64s) { part in
                        let count = min(part.count, total - initialized)
                        copy(part, count: count, to: target)
                        initialized += count
                    }
                }
                local.raw?.release(local.rawColumn)
            }
        }
    }

    /// The first `count` values of `part` into `target`: a plain copy when the types match,
    /// else sign-extended or truncated (the caller checked that they fit).
    @inline(__always)
    private static func copy<Source: FixedWidthInteger & BitwiseCopyable, Element: FixedWidthInteger & BitwiseCopyable>(
        _ part: UnsafeBufferPointer<Source>, count: Int, to target: UnsafeMutablePointer<Element>
    ) {
        guard count > 0, let source = part.baseAddress else { return }
        if Source.self == Element.self {
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * MemoryLayout<Element>.stride)
        } else {
            for index in 0..<count { target[index] = Element(truncatingIfNeeded: source[index]) }
        }
    }

    /// One column's values of every chunk, back to back, in one array sized once; raw chunk
    /// buffers are freed as soon as they are copied.
    private static func concatenate<Element: BitwiseCopyable>(
        _ chunks: [CSVColumnChunk], total: Int,
        _ values: (CSVColumnChunk) -> ContiguousArray<Element>
    ) -> ContiguousArray<Element> {
        ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            if let base = buffer.baseAddress { CSVValueBuffers.adviseHugePages(base, bytes: total * MemoryLayout<Element>.stride) }
            for local in chunks {
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
