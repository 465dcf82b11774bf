/// A packed bit set, one bit per row; used as a column's validity mask (1 = value present).
public struct Bitmap: Sendable, Equatable {
    public private(set) var words: ContiguousArray<UInt64>
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = ContiguousArray(repeating: value ? ~0 : 0, count: wordCount)
        if value { clearTail() }
    }

    public init(words: ContiguousArray<UInt64>, count: Int) {
        precondition(words.count == (count + 63) >> 6, "bitmap word count mismatch")
        self.words = words
        self.count = count
        clearTail()
    }

    @inline(__always)
    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
        set {
            if newValue {
                words[index >> 6] |= 1 << UInt64(index & 63)
            } else {
                words[index >> 6] &= ~(1 << UInt64(index & 63))
            }
        }
    }

    /// Appends one bit.
    public mutating func append(_ value: Bool) {
        if count & 63 == 0 { words.append(0) }
        if value { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Appends all bits of `other`.
    public mutating func append(contentsOf other: Bitmap) {
        if count & 63 == 0 {
            words.append(contentsOf: other.words)
            count += other.count
            return
        }
        for index in 0..<other.count { append(other[index]) }
    }

    /// Number of set bits.
    public var nonzeroBitCount: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    private mutating func clearTail() {
        let tail = count & 63
        if tail != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(tail)) - 1 }
    }
}
