import StrataCore

/// Validity-bitmap arithmetic, word by word.
enum Validity {
    /// Rows non-null in both (nil means every row is non-null).
    /// - Complexity: O(rows / 64)
    static func and(_ first: Bitmap?, _ second: Bitmap?) -> Bitmap? {
        guard let first else { return second }
        guard let second else { return first }
        var words = first.words
        second.words.withUnsafeBufferPointer { other in
            words.withUnsafeMutableBufferPointer { mine in
                for index in 0..<min(mine.count, other.count) { mine[index] &= other[index] }
            }
        }
        return Bitmap(words: words, count: first.count)
    }

    /// Rows non-null in either.
    static func or(_ first: Bitmap?, _ second: Bitmap?) -> Bitmap? {
        guard let first, let second else { return nil }
        var words = first.words
        second.words.withUnsafeBufferPointer { other in
            words.withUnsafeMutableBufferPointer { mine in
                for index in 0..<min(mine.count, other.count) { mine[index] |= other[index] }
            }
        }
        return Bitmap(words: words, count: first.count)
    }

    /// A bitmap whose bit `row` is `isSet(row)`, built a word at a time.
    @inline(__always)
    static func build(count: Int, _ isSet: (Int) -> Bool) -> Bitmap {
        let wordCount = (count + 63) >> 6
        let words = ContiguousArray<UInt64>(unsafeUninitializedCapacity: wordCount) { out, initialized in
            for wordIndex in 0..<wordCount {
                var word: UInt64 = 0
                let base = wordIndex << 6
                for offset in 0..<min(64, count - base) where isSet(base + offset) {
                    word |= 1 << UInt64(offset)
                }
                out[wordIndex] = word
            }
            initialized = wordCount
        }
        return Bitmap(words: words, count: count)
    }

    /// The bitmap of a selection: bit set for each row in `rows`.
    static func from(rows: RowSelection, count: Int) -> Bitmap {
        var bitmap = Bitmap(count: count, value: false)
        for row in rows { bitmap[Int(row)] = true }
        return bitmap
    }
}

extension Column {
    /// The same values with `validity` combined (AND) into the column's own.
    func addingNulls(_ extra: Bitmap?) -> Column {
        guard let extra else { return self }
        return Column(type: type, data: data, validity: Validity.and(validity, extra))
    }
}
