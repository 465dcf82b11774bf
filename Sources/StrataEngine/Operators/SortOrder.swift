import StrataCore

/// Order-preserving maps from typed values to unsigned integers, shared by sort, min/max and
/// median: comparing the images compares the values.
enum SortOrder {
    /// `Int64` → `UInt64` keeping order (flip the sign bit).
    @inline(__always)
    static func orderable(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: value) ^ (1 << 63)
    }

    /// `Double` → `UInt64` keeping order: -inf < … < -0.0 = 0.0 < … < +inf < NaN (every NaN
    /// is one value, placed after +inf).
    @inline(__always)
    static func orderable(_ value: Double) -> UInt64 {
        if value.isNaN { return UInt64.max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The rank of each dictionary code when the strings are sorted by Unicode scalar order
    /// (equivalently, by UTF-8 bytes; not by locale or pinyin). Equal strings share a rank.
    /// Sorting the dictionary once lets every per-row comparison be an integer comparison.
    /// - Complexity: O(d log d) string comparisons for a dictionary of d strings.
    static func ranks(_ dictionary: StringDictionary) -> ContiguousArray<UInt32> {
        let strings = dictionary.values
        var order = Array(0..<strings.count)
        order.sort { precedes(strings[$0], strings[$1]) }
        var ranks = ContiguousArray<UInt32>(repeating: 0, count: strings.count)
        var rank: UInt32 = 0
        for (position, code) in order.enumerated() {
            if position > 0, precedes(strings[order[position - 1]], strings[code]) { rank += 1 }
            ranks[code] = rank
        }
        return ranks
    }

    /// True when `left`'s UTF-8 bytes sort before `right`'s.
    static func precedes(_ left: String, _ right: String) -> Bool {
        var left = left, right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                    let order = memcmpBytes(leftBase, rightBase, common)
                    if order != 0 { return order < 0 }
                }
                return leftBytes.count < rightBytes.count
            }
        }
    }

    @inline(__always)
    private static func memcmpBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Int {
        for index in 0..<count where left[index] != right[index] {
            return Int(left[index]) - Int(right[index])
        }
        return 0
    }
}
