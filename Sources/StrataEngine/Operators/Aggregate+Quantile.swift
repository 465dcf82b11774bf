import StrataCore

/// median and quantile: values bucketed by group (a counting sort on the group id), each
/// bucket sorted, then numpy's default "linear" method.
extension AggregateContext {
    /// `quantile(x, p)` (median: p = 0.5). Numbers: the value at virtual index `(n - 1) × p`,
    /// linearly interpolated between its neighbours exactly as numpy's `_lerp` does; dates
    /// (`lowerForDates`): the value at the floor of that index (the lower middle for a median).
    /// Null for a group without values.
    func quantile(_ column: Column, _ probability: Double, lowerForDates: Bool) throws -> Column {
        let p = probability.isNaN ? 0.5 : min(max(probability, 0), 1)
        let counts = try valuesPerGroup(column)
        var starts = ContiguousArray<Int>(repeating: 0, count: groupCount + 1)
        for group in 0..<groupCount { starts[group + 1] = starts[group] + Int(counts[group]) }
        let present = ContiguousArray(counts.lazy.map { $0 > 0 })

        switch (column.type, column.data) {
        case (.double, .double(let values)):
            let buckets = try bucket(values, column.validity, starts: starts) { $0 < $1 || ($1.isNaN && !$0.isNaN) }
            return AggregateOutput.double(pick(buckets, starts, p) { $0 }, present: present)
        case (.date, .int32(let values)):
            let buckets = try bucket(values, column.validity, starts: starts, by: <)
            if lowerForDates {
                var result = ContiguousArray<Int32>(repeating: 0, count: groupCount)
                for group in 0..<groupCount where counts[group] > 0 {
                    let count = Int(counts[group])
                    result[group] = buckets[starts[group] + Int((Double(count - 1) * p).rounded(.down))]
                }
                return Column(type: .date, data: .int32(result), validity: AggregateOutput.validity(present))
            }
            return AggregateOutput.double(pick(buckets, starts, p) { Double($0) }, present: present)
        case (_, .int64(let values)):
            let buckets = try bucket(values, column.validity, starts: starts, by: <)
            var divisor = 1.0
            if case .decimal(let scale) = column.type { divisor = AggregateOutput.power10(scale) }
            return AggregateOutput.double(pick(buckets, starts, p) { Double($0) / divisor }, present: present)
        case (_, .int32(let values)):  // narrow integers and decimals
            let buckets = try bucket(values, column.validity, starts: starts, by: <)
            var divisor = 1.0
            if case .decimal(let scale) = column.type { divisor = AggregateOutput.power10(scale) }
            return AggregateOutput.double(pick(buckets, starts, p) { Double($0) / divisor }, present: present)
        default:
            throw Diagnostic("internal error: quantile over \(column.type)")
        }
    }

    /// The non-null values grouped contiguously (group g at `starts[g]..<starts[g+1]`, input
    /// order), each group then sorted.
    private func bucket<Element>(_ values: ContiguousArray<Element>, _ validity: Bitmap?,
                                 starts: ContiguousArray<Int>, by less: (Element, Element) -> Bool) throws
        -> ContiguousArray<Element> {
        guard let filler = values.first else { return [] }
        var buckets = ContiguousArray<Element>(repeating: filler, count: starts[groupCount])
        var next = ContiguousArray(starts.dropLast())
        try buckets.withUnsafeMutableBufferPointer { buckets in
            try next.withUnsafeMutableBufferPointer { next in
                try ids.withUnsafeBufferPointer { ids in
                    try values.withUnsafeBufferPointer { values in
                        try KeyEncoding.chunked(rowCount) { range in
                            for row in range where validity?[row] ?? true {
                                let group = Int(ids[row])
                                buckets[next[group]] = values[row]
                                next[group] &+= 1
                            }
                        }
                    }
                }
            }
            for group in 0..<groupCount where starts[group + 1] - starts[group] > 1 {
                try Cancellation.check()
                var slice = UnsafeMutableBufferPointer(rebasing: buckets[starts[group]..<starts[group + 1]])
                slice.sort(by: less)
            }
        }
        return buckets
    }

    /// numpy's linear interpolation over each sorted bucket.
    private func pick<Element>(_ buckets: ContiguousArray<Element>, _ starts: ContiguousArray<Int>, _ p: Double,
                               _ toDouble: (Element) -> Double) -> ContiguousArray<Double> {
        var result = ContiguousArray<Double>(repeating: 0, count: groupCount)
        for group in 0..<groupCount where starts[group + 1] > starts[group] {
            let count = starts[group + 1] - starts[group]
            let index = Double(count - 1) * p
            let lower = min(Int(index.rounded(.down)), count - 1)
            let upper = min(lower + 1, count - 1)
            let fraction = index - Double(lower)
            let below = toDouble(buckets[starts[group] + lower]), above = toDouble(buckets[starts[group] + upper])
            result[group] = Self.lerp(below, above, fraction)
        }
        return result
    }

    /// numpy's `_lerp`: `a + (b - a) t`, computed from `b` when t ≥ 0.5 for monotonicity.
    static func lerp(_ below: Double, _ above: Double, _ fraction: Double) -> Double {
        let difference = above - below
        return fraction >= 0.5 ? above - difference * (1 - fraction) : below + difference * fraction
    }
}
