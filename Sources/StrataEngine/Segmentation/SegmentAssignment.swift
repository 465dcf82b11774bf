import StrataCore

/// Applies a rule table to customers: the first matching rule names the segment.
enum SegmentAssignment {
    /// Column means that `cn8`-style rules split at.
    struct Means {
        var recency: Double, frequency: Double, monetary: Double
    }

    /// The segment column (and `segment_en` when the scheme has English labels) for the
    /// customers of `frame` (columns as ``RuleFrame``).
    /// - Complexity: O(customers × rules); expression rules run through the vectorised
    ///   evaluator, one boolean column per rule.
    static func apply(_ scheme: SegmentScheme, frame: Table, means: Means, monetary: ContiguousArray<Double>) throws -> [Column] {
        let ruleIndexes = try firstMatches(scheme, frame: frame, means: means, monetary: monetary)
        var columns = [labels(ruleIndexes, names: scheme.rules.map(\.name) + [scheme.otherName])]
        if scheme.hasEnglishLabels {
            columns.append(labels(ruleIndexes, names: scheme.rules.map { $0.english ?? $0.name } + [scheme.otherName]))
        }
        return columns
    }

    /// Per row, the index of the first rule it matches, or `rules.count` (Others).
    static func firstMatches(_ scheme: SegmentScheme, frame: Table, means: Means,
                             monetary: ContiguousArray<Double>) throws -> ContiguousArray<Int32> {
        let count = frame.rowCount, otherIndex = Int32(scheme.rules.count)
        var result = ContiguousArray<Int32>(repeating: otherIndex, count: count)
        for (ruleIndex, rule) in scheme.rules.enumerated() {
            try Cancellation.check()
            let matches = try self.matches(rule.condition, frame: frame, means: means, monetary: monetary)
            let index = Int32(ruleIndex)
            result.withUnsafeMutableBufferPointer { result in
                matches.withUnsafeBufferPointer { matches in
                    for row in 0..<count where matches[row] && result[row] == otherIndex { result[row] = index }
                }
            }
        }
        return result
    }

    /// Whether each row satisfies `condition` (null counts as false).
    static func matches(_ condition: RuleCondition, frame: Table, means: Means,
                        monetary: ContiguousArray<Double>) throws -> ContiguousArray<Bool> {
        let count = frame.rowCount
        func ints(_ index: Int) -> ContiguousArray<Int64> {
            // Widens narrow storage (one copy per customer column, not per order).
            let values = frame.columns[index].data.int64Values
            return values.count == count ? values : ContiguousArray(repeating: 0, count: count)
        }
        switch condition {
        case .scores(let rRange, let fRange, let mRange):
            let r = ints(3), f = ints(4), m = ints(5)
            let rLow = Int64(rRange.lowerBound), rHigh = Int64(rRange.upperBound)
            let fLow = Int64(fRange.lowerBound), fHigh = Int64(fRange.upperBound)
            let mLow = Int64(mRange.lowerBound), mHigh = Int64(mRange.upperBound)
            return ContiguousArray((0..<count).lazy.map { row in
                r[row] >= rLow && r[row] <= rHigh && f[row] >= fLow && f[row] <= fHigh && m[row] >= mLow && m[row] <= mHigh
            })
        case .meanSplit(let rHigh, let fHigh, let mHigh):
            let recency = ints(0), frequency = ints(1)
            return ContiguousArray((0..<count).lazy.map { row in
                (Double(recency[row]) < means.recency) == rHigh
                    && (Double(frequency[row]) > means.frequency) == fHigh
                    && (monetary[row] > means.monetary) == mHigh
            })
        case .expression(let expr, _):
            let column = try ExpressionEvaluator.evaluate(expr, on: frame)
            guard case .bool(let values) = column.data else {
                throw Diagnostic("internal error: a segment rule computes \(column.type)")
            }
            guard let validity = column.validity else { return values }
            return ContiguousArray((0..<count).lazy.map { values[$0] && validity[$0] })
        }
    }

    /// A string column whose codes are the rule indexes, sharing one dictionary of names (two
    /// rules may name the same segment).
    private static func labels(_ ruleIndexes: ContiguousArray<Int32>, names: [String]) -> Column {
        var dictionary = StringDictionary()
        let codeOfRule = names.map { dictionary.code(for: $0) }
        let codes = ContiguousArray(ruleIndexes.lazy.map { codeOfRule[Int($0)] })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }
}
