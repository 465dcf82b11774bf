import StrataCore
import StrataLang

/// The numbers of a sweep, one entry per parameter value (or combination), before they are
/// laid out as a table.
struct WhatIfResult {
    /// Which evaluation ran: the fast one-pass path, or the pipeline once per value.
    enum Path: Equatable {
        case fast(String)
        case plain(String)
    }

    var parameterNames: [String]
    /// One entry per run: the value of each parameter.
    var combinations: [[Value]]
    /// Result rows per run.
    var counts: [Int]
    /// Rows of the pipeline's source (the denominator of `share`).
    var sourceRows: Int
    /// The summed column and its type; nil when the result has no money column.
    var money: Field?
    /// Sums per run: `.int` units for integer and decimal columns (scaled), `.double` otherwise.
    var sums: [Value]
    /// `customers` when the result has a customer key, `rows` otherwise.
    var countName: String
    var path: Path
    /// The compared expression on the fast path (`recency`), for warnings.
    var keyText: String? = nil

    /// Equal numbers (the path aside): what the property tests compare.
    func sameNumbers(as other: WhatIfResult) -> Bool {
        combinations == other.combinations && counts == other.counts && sourceRows == other.sourceRows
            && money == other.money && sums == other.sums
    }
}

/// Sums of one column over a table, exact for integers and decimals.
enum WhatIfSum {
    /// The column's total: `.int(units)` for int64 and decimal columns, `.double` for doubles;
    /// nulls are skipped, no values give 0.
    /// - Complexity: O(rows).
    static func total(_ column: Column, name: String, range: Range<Int>) throws -> Value {
        switch column.data {
        case .int64(let values):
            var total: Int128 = 0
            if let validity = column.validity {
                for row in values.indices where validity[row] { total += Int128(values[row]) }
            } else {
                for value in values { total += Int128(value) }
            }
            return .int(try narrow(total, name: name, range: range))
        case .int32(let values) where column.isNarrow:
            var total: Int128 = 0
            for row in values.indices where column.validity?[row] ?? true { total += Int128(values[row]) }
            return .int(try narrow(total, name: name, range: range))
        case .double(let values):
            var total = 0.0
            for row in values.indices where column.validity?[row] ?? true { total += values[row] }
            return .double(total)
        default:
            return .null
        }
    }

    /// `total` as an Int64, or an overflow error at `range`.
    static func narrow(_ total: Int128, name: String, range: Range<Int>) throws(Diagnostic) -> Int64 {
        guard let value = Int64(exactly: total) else {
            throw Diagnostic("the sum of \(name) is too large for a 64-bit integer", at: .statement(range))
        }
        return value
    }

    /// The column `whatif` sums: `(sum COL)`, else `monetary`, `amount`, the first decimal column.
    static func moneyField(in schema: [Field], chosen: Name?) throws(Diagnostic) -> Field? {
        if let chosen {
            guard let field = schema.first(where: { $0.name == chosen.text }) else {
                let hint = Suggestion.phrase(for: chosen.text, among: schema.map(\.name))
                throw Diagnostic("column \"\(chosen.text)\" not found in the pipeline's result.\(hint)",
                                 at: .statement(chosen.range))
            }
            switch field.type {
            case .int64, .decimal, .double: return field
            default:
                throw Diagnostic("sum needs a number column, \(chosen.text) is \(TypeRules.article(field.type))",
                                 at: .statement(chosen.range))
            }
        }
        for name in ["monetary", "amount"] {
            if let field = schema.first(where: { $0.name == name }), field.type.isNumeric { return field }
        }
        return schema.first { if case .decimal = $0.type { true } else { false } }
    }

    /// `customers` when the result's first column names a customer (`customer_id`, `客户…`),
    /// as in an `rfm` or customer table; else `rows` (an orders table counts orders).
    static func countName(for schema: [Field]) -> String {
        guard let first = schema.first?.name else { return "rows" }
        return first.lowercased().hasPrefix("customer") || first.hasPrefix("客户") ? "customers" : "rows"
    }
}
