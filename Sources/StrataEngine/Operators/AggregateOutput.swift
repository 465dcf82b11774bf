import StrataCore

/// Building the per-group result columns of the aggregate kernels.
enum AggregateOutput {
    /// A validity bitmap from per-group "has a value" flags; nil when all are set.
    static func validity(_ present: ContiguousArray<Bool>) -> Bitmap? {
        guard present.contains(false) else { return nil }
        var words = ContiguousArray<UInt64>(repeating: 0, count: (present.count + 63) >> 6)
        for (index, flag) in present.enumerated() where flag { words[index >> 6] |= 1 << UInt64(index & 63) }
        return Bitmap(words: words, count: present.count)
    }

    static func int64(_ values: ContiguousArray<Int64>, type: DataType = .int64, present: ContiguousArray<Bool>? = nil) -> Column {
        Column(type: type, data: .int64(values), validity: present.flatMap(validity))
    }

    static func double(_ values: ContiguousArray<Double>, present: ContiguousArray<Bool>? = nil) -> Column {
        Column(type: .double, data: .double(values), validity: present.flatMap(validity))
    }

    /// `column` converted to the result type the binder chose (integer or decimal results
    /// widened to double or a larger decimal scale); an impossible conversion is an internal
    /// error, not a crash.
    static func conform(_ column: Column, to type: DataType, name: String) throws -> Column {
        if column.type == type { return column }
        // Per-group results are small: narrow storage is widened rather than handled twice.
        let column = column.widened()
        switch (column.type, column.data, type) {
        case (.int64, .int64(let values), .double):
            return Column(type: .double, data: .double(ContiguousArray(values.lazy.map { Double($0) })), validity: column.validity)
        case (.decimal(let scale), .int64(let values), .double):
            let divisor = power10(scale)
            return Column(type: .double, data: .double(ContiguousArray(values.lazy.map { Double($0) / divisor })),
                          validity: column.validity)
        case (.int64, .int64(let values), .decimal(let scale)):
            return try rescale(values, by: scale, validity: column.validity, to: type, name: name)
        case (.decimal(let from), .int64(let values), .decimal(let to)) where to > from:
            return try rescale(values, by: to - from, validity: column.validity, to: type, name: name)
        default:
            throw Diagnostic("internal error: \(name) computes \(column.type), expected \(type)")
        }
    }

    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    private static func rescale(_ values: ContiguousArray<Int64>, by digits: Int, validity: Bitmap?,
                                to type: DataType, name: String) throws -> Column {
        var factor: Int64 = 1
        for _ in 0..<digits { factor *= 10 }
        var result = ContiguousArray<Int64>()
        result.reserveCapacity(values.count)
        for value in values {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: factor)
            if overflow { throw Diagnostic("integer overflow in \(name)") }
            result.append(scaled)
        }
        return Column(type: type, data: .int64(result), validity: validity)
    }
}
