import StrataCore

/// count, share, sum, avg: one pass of `(groupId, value)` into per-group accumulators.
extension AggregateContext {
    /// Rows per group (`count()`).
    func rowsPerGroup() throws -> ContiguousArray<Int64> { groupSizes }

    /// Non-null values per group.
    func valuesPerGroup(_ column: Column) throws -> ContiguousArray<Int64> {
        guard let validity = column.validity else { return try rowsPerGroup() }
        var counts = ContiguousArray<Int64>(repeating: 0, count: groupCount)
        try counts.withUnsafeMutableBufferPointer { counts in
            try ids.withUnsafeBufferPointer { ids in
                try KeyEncoding.chunked(rowCount) { rows in
                    for row in rows where validity[row] { counts[Int(ids[row])] &+= 1 }
                }
            }
        }
        return counts
    }

    func countRows() throws -> Column { AggregateOutput.int64(try rowsPerGroup()) }

    func countValues(_ column: Column) throws -> Column { AggregateOutput.int64(try valuesPerGroup(column)) }

    /// The group's rows / all input rows; null when the input is empty.
    func share() throws -> Column {
        let counts = try rowsPerGroup()
        let total = Double(rowCount)
        return AggregateOutput.double(ContiguousArray(counts.lazy.map { Double($0) / total }),
                                      present: ContiguousArray(repeating: rowCount > 0, count: groupCount))
    }

    /// Exact `Int128` sums of an integer-like column (no intermediate overflow is possible
    /// below 2^64 rows; the final value must fit `Int64`).
    private func integerSums(_ values: ContiguousArray<Int64>, _ validity: Bitmap?) throws -> ContiguousArray<Int128> {
        var sums = ContiguousArray<Int128>(repeating: 0, count: groupCount)
        try sums.withUnsafeMutableBufferPointer { sums in
            try ids.withUnsafeBufferPointer { ids in
                try values.withUnsafeBufferPointer { values in
                    try KeyEncoding.chunked(rowCount) { rows in
                        if let validity {
                            for row in rows where validity[row] { sums[Int(ids[row])] &+= Int128(values[row]) }
                        } else {
                            for row in rows { sums[Int(ids[row])] &+= Int128(values[row]) }
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Exact sums of 32-bit values (dates, narrow integers and decimals): `Int64` accumulators
    /// cannot overflow, since a selection holds fewer than 2^31 rows of values below 2^31.
    private func narrowSums(_ values: ContiguousArray<Int32>, _ validity: Bitmap?) throws -> ContiguousArray<Int64> {
        var sums = ContiguousArray<Int64>(repeating: 0, count: groupCount)
        try sums.withUnsafeMutableBufferPointer { sums in
            try ids.withUnsafeBufferPointer { ids in
                try values.withUnsafeBufferPointer { values in
                    try KeyEncoding.chunked(rowCount) { rows in
                        if let validity {
                            for row in rows where validity[row] { sums[Int(ids[row])] &+= Int64(values[row]) }
                        } else {
                            for row in rows { sums[Int(ids[row])] &+= Int64(values[row]) }
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Neumaier-compensated sums of a double column, accumulated in input order: the result
    /// does not depend on how rows are grouped or chunked, and loses far less precision than
    /// a plain running sum on many values of mixed magnitude.
    private func doubleSums(_ values: ContiguousArray<Double>, _ validity: Bitmap?) throws -> ContiguousArray<Double> {
        var sums = ContiguousArray<Double>(repeating: 0, count: groupCount)
        var compensations = ContiguousArray<Double>(repeating: 0, count: groupCount)
        try sums.withUnsafeMutableBufferPointer { sums in
            try compensations.withUnsafeMutableBufferPointer { compensations in
                try ids.withUnsafeBufferPointer { ids in
                    try values.withUnsafeBufferPointer { values in
                        try KeyEncoding.chunked(rowCount) { rows in
                            for row in rows where validity?[row] ?? true {
                                let group = Int(ids[row]), value = values[row], sum = sums[group]
                                let total = sum + value
                                compensations[group] += abs(sum) >= abs(value) ? (sum - total) + value : (value - total) + sum
                                sums[group] = total
                            }
                        }
                    }
                }
            }
        }
        for group in 0..<groupCount { sums[group] += compensations[group] }
        return sums
    }

    /// `sum(x)`: integer and decimal sums are exact (`overflow` thrown when the result leaves
    /// `Int64`), double sums compensated; null for a group without values.
    func sum(_ column: Column, overflow: Diagnostic) throws -> Column {
        let present = try valuesPerGroup(column).lazy.map { $0 > 0 }
        switch column.data {
        case .int64(let values):
            let sums = try integerSums(values, column.validity)
            var result = ContiguousArray<Int64>(repeating: 0, count: groupCount)
            for group in 0..<groupCount {
                guard let exact = Int64(exactly: sums[group]) else { throw overflow }
                result[group] = exact
            }
            return AggregateOutput.int64(result, type: column.type, present: ContiguousArray(present))
        case .int32(let values):
            // Narrow integers and decimals keep their type; a sum of dates is an integer.
            return AggregateOutput.int64(try narrowSums(values, column.validity),
                                         type: column.type == .date ? .int64 : column.type, present: ContiguousArray(present))
        case .double(let values):
            return AggregateOutput.double(try doubleSums(values, column.validity), present: ContiguousArray(present))
        case .bool, .string:
            throw Diagnostic("internal error: sum over \(column.type)", at: overflow.location)
        }
    }

    /// `avg(x)` as a double: exact integer sums divided once, compensated double sums.
    func average(_ column: Column) throws -> Column {
        let counts = try valuesPerGroup(column)
        let present = ContiguousArray(counts.lazy.map { $0 > 0 })
        var result = ContiguousArray<Double>(repeating: 0, count: groupCount)
        switch (column.type, column.data) {
        case (_, .int64(let values)):
            let sums = try integerSums(values, column.validity)
            var divisor = 1.0
            if case .decimal(let scale) = column.type { divisor = AggregateOutput.power10(scale) }
            for group in 0..<groupCount where counts[group] > 0 {
                result[group] = Double(sums[group]) / Double(counts[group]) / divisor
            }
        case (_, .int32(let values)):
            let sums = try narrowSums(values, column.validity)
            var divisor = 1.0
            if case .decimal(let scale) = column.type { divisor = AggregateOutput.power10(scale) }
            for group in 0..<groupCount where counts[group] > 0 {
                result[group] = Double(sums[group]) / Double(counts[group]) / divisor
            }
        case (_, .double(let values)):
            let sums = try doubleSums(values, column.validity)
            for group in 0..<groupCount where counts[group] > 0 { result[group] = sums[group] / Double(counts[group]) }
        default:
            throw Diagnostic("internal error: avg over \(column.type)")
        }
        return AggregateOutput.double(result, present: present)
    }
}
