import StrataCore

/// Lays a ``WhatIfResult`` out as a table: the parameters, the count, its share of the
/// source rows, the money sum and the change in the count from the previous row.
enum WhatIfTable {
    /// Columns: each parameter; `customers` or `rows`; `share` (text, one decimal: `75.6%`);
    /// the money column's sum (same type); `Δ customers` (null on the first row, and in a grid
    /// where the outer parameter changes).
    static func table(_ result: WhatIfResult) -> Table {
        var named: [(String, Column)] = []
        for (index, name) in result.parameterNames.enumerated() {
            named.append((name, column(result.combinations.map { $0.count > index ? $0[index] : .null })))
        }
        named.append((result.countName, column(result.counts.map { .int(Int64($0)) }, type: .int64)))
        named.append(("share", column(result.counts.map { .string(percent($0, of: result.sourceRows)) }, type: .string)))
        if let money = result.money, result.sums.count == result.counts.count {
            let values: [Value] = result.sums.map { sum in
                if case .int(let units) = sum, case .decimal(let scale) = money.type { return .decimal(units, scale: scale) }
                return sum
            }
            named.append((money.name, column(values, type: money.type)))
        }
        var deltas: [Value] = []
        for row in result.counts.indices {
            let sameOuter = row > 0 && result.combinations[row].dropLast() == result.combinations[row - 1].dropLast()
            deltas.append(sameOuter ? .int(Int64(result.counts[row]) - Int64(result.counts[row - 1])) : .null)
        }
        named.append(("Δ \(result.countName)", column(deltas, type: .int64)))
        return Table(named)
    }

    /// `part / whole` as a percentage with one decimal, rounded half up: `75.6%`.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "" }
        let tenths = (Int64(part) * 2000 + Int64(whole)) / (Int64(whole) * 2)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// A column from boxed values (a handful of rows: boxing is fine here). Without a type,
    /// the values' own type when they agree, else their text.
    static func column(_ values: [Value], type: DataType? = nil) -> Column {
        let type = type ?? commonType(values)
        var validity = Bitmap(count: values.count, value: true)
        var anyNull = false
        for (row, value) in values.enumerated() where value.isNull {
            validity[row] = false
            anyNull = true
        }
        let data: ColumnData
        switch type {
        case .int64, .decimal, .timestamp:
            data = .int64(ContiguousArray(values.map { value -> Int64 in
                switch value {
                case .int(let v), .timestamp(let v): scaled(v, from: 0, to: type)
                case .decimal(let v, let scale): scaled(v, from: scale, to: type)
                default: 0
                }
            }))
        case .double:
            data = .double(ContiguousArray(values.map { if case .double(let v) = $0 { v } else { 0 } }))
        case .date:
            data = .int32(ContiguousArray(values.map { if case .date(let v) = $0 { v } else { 0 } }))
        case .bool:
            data = .bool(ContiguousArray(values.map { if case .bool(let v) = $0 { v } else { false } }))
        default:
            return stringColumn(values.map(\.description), validity: anyNull ? validity : nil)
        }
        return Column(type: type, data: data, validity: anyNull ? validity : nil)
    }

    /// `units` at `scale` rescaled to `type`'s scale (whole numbers in a decimal column).
    static func scaled(_ units: Int64, from scale: Int, to type: DataType) -> Int64 {
        guard case .decimal(let target) = type, target > scale else { return units }
        var result = units
        for _ in scale..<target { result = result.multipliedReportingOverflow(by: 10).partialValue }
        return result
    }

    static func stringColumn(_ texts: [String], validity: Bitmap?) -> Column {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(texts.map { dictionary.code(for: $0) })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary), validity: validity)
    }

    /// The type of the first non-null value when all agree (decimals of one scale), else string.
    static func commonType(_ values: [Value]) -> DataType {
        var found: DataType?
        for value in values {
            let type: DataType
            switch value {
            case .null: continue
            case .int: type = .int64
            case .double: type = .double
            case .decimal(_, let scale): type = .decimal(scale: scale)
            case .date: type = .date
            case .bool: type = .bool
            default: type = .string
            }
            switch (found, type) {
            case (nil, _): found = type
            case (.some(let old), _) where old == type: break
            // Whole numbers and decimals share the largest scale: [60, 90.5] → decimal(1).
            case (.decimal(let a), .decimal(let b)): found = .decimal(scale: max(a, b))
            case (.int64, .decimal), (.decimal, .int64): found = type == .int64 ? found : type
            default: return .string
            }
        }
        return found ?? .string
    }
}
