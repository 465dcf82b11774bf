import StrataCore

/// Small tables for segment listings, built column by column.
struct SegmentTableBuilder {
    private var columns: [(String, Column)] = []

    /// A string column; nil cells are null.
    mutating func strings(_ name: String, _ values: [String?]) {
        var dictionary = StringDictionary()
        var validity = Bitmap(count: values.count, value: true)
        let codes = ContiguousArray(values.enumerated().map { row, value -> UInt32 in
            guard let value else {
                validity[row] = false
                return dictionary.code(for: "")
            }
            return dictionary.code(for: value)
        })
        columns.append((name, Column(type: .string, data: .string(codes: codes, dictionary: dictionary), validity: validity)))
    }

    /// An integer column; nil cells are null.
    mutating func integers(_ name: String, _ values: [Int?]) {
        var validity = Bitmap(count: values.count, value: true)
        let data = ContiguousArray(values.enumerated().map { row, value -> Int64 in
            if value == nil { validity[row] = false }
            return Int64(value ?? 0)
        })
        columns.append((name, Column(type: .int64, data: .int64(data), validity: validity)))
    }

    /// A date column.
    mutating func dates(_ name: String, _ values: [Int32]) {
        columns.append((name, Column(type: .date, data: .int32(ContiguousArray(values)))))
    }

    /// A column as is.
    mutating func column(_ name: String, _ column: Column) {
        columns.append((name, column))
    }

    var table: Table { Table(columns) }
}

extension SegmentKeys {
    /// The keys as a column (`integer` or `string`).
    /// - Complexity: O(keys).
    var column: Column {
        switch self {
        case .integers(let keys):
            return Column(type: .int64, data: .int64(ContiguousArray(keys)))
        case .strings(let keys):
            // Keys are unique, so each gets its own code.
            let dictionary = StringDictionary(keys)
            return Column(type: .string, data: .string(codes: ContiguousArray((0..<UInt32(keys.count)).map { $0 }),
                                                        dictionary: dictionary))
        }
    }
}

/// Counts of a two-way comparison of sorted key sets (one merge pass).
struct SegmentDiff {
    var both = 0
    var onlyLeft = 0
    var onlyRight = 0
    /// The first keys found only on each side (for a preview).
    var leftSample: [String] = []
    var rightSample: [String] = []

    static let sampleSize = 10

    /// - Complexity: O(left + right).
    init(_ left: SegmentKeys, _ right: SegmentKeys) {
        switch (left, right) {
        case (.integers(let a), .integers(let b)): merge(a, b) { String($0) }
        case (.strings(let a), .strings(let b)): merge(a, b) { $0 }
        default:
            onlyLeft = left.count
            onlyRight = right.count
        }
    }

    private mutating func merge<K: Comparable>(_ left: [K], _ right: [K], text: (K) -> String) {
        var l = 0, r = 0
        while l < left.count || r < right.count {
            if r == right.count || (l < left.count && left[l] < right[r]) {
                if leftSample.count < SegmentDiff.sampleSize { leftSample.append(text(left[l])) }
                onlyLeft += 1
                l += 1
            } else if l == left.count || right[r] < left[l] {
                if rightSample.count < SegmentDiff.sampleSize { rightSample.append(text(right[r])) }
                onlyRight += 1
                r += 1
            } else {
                both += 1
                l += 1
                r += 1
            }
        }
    }
}
