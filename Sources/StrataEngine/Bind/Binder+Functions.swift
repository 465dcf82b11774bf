import StrataCore
import StrataLang

/// Scalar function calls: argument counts and types, result types.
///
/// Timestamps passed to date functions (`days_since`, `year`, `month`, `week`, `date_trunc`) are
/// cast to their date first, so the evaluator only sees dates there.
extension Binder {
    /// How each function is written, for messages.
    static let functionUsage: [String: String] = [
        "days_since": "days_since(date)", "coalesce": "coalesce(a, b, …)",
        "contains": "contains(text, part)", "starts_with": "starts_with(text, prefix)",
        "ends_with": "ends_with(text, suffix)", "lower": "lower(text)", "upper": "upper(text)",
        "length": "length(text)", "year": "year(date)", "month": "month(date)", "week": "week(date)",
        "date_trunc": "date_trunc(\"month\", date)", "abs": "abs(number)", "round": "round(number, digits)",
        "asof": "asof()", "concat": "concat(a, b, …)", "trim": "trim(text)",
    ]

    static let dateTruncUnits = ["year", "quarter", "month", "week", "day"]

    func bindCall(_ name: Name, _ arguments: [Expr], _ range: Range<Int>, schema: [Field]) throws(Diagnostic) -> BoundExpr {
        let fname = name.text
        if Binder.aggregateNames.contains(fname) {
            throw Diagnostic("\(fname)() is an aggregate: use it inside group … agg", at: .statement(range))
        }
        guard let usage = Binder.functionUsage[fname] else {
            let known = Array(Binder.functionUsage.keys).sorted() + Binder.aggregateNames
            throw Diagnostic("unknown function \"\(fname)\".\(Suggestion.phrase(for: fname, among: known))",
                             at: .statement(name.range))
        }
        let expectedCount = switch fname {
        case "coalesce", "concat": max(1, arguments.count)
        case "round": arguments.count == 1 ? 1 : 2
        case "contains", "starts_with", "ends_with", "date_trunc": 2
        case "asof": 0
        default: 1
        }
        guard arguments.count == expectedCount else {
            let count = fname == "round" ? "one or two arguments"
                : fname == "coalesce" || fname == "concat" ? "one or more arguments"
                : expectedCount == 0 ? "no arguments" : expectedCount == 1 ? "one argument" : "two arguments"
            throw Diagnostic("\(fname) takes \(count): \(usage)", at: .statement(range))
        }
        // The unit first: `date_trunc(month, d)` is a missing-quotes mistake, not a missing column.
        let unit = fname == "date_trunc" ? try dateTruncUnit(arguments[0]) : ""
        var bound: [BoundExpr] = []
        for argument in arguments { bound.append(try bind(argument, schema: schema)) }

        // Requires argument `index` to be one of `types`, described as `expected`.
        func require(_ index: Int, _ expected: String, _ accepts: (DataType) -> Bool) throws(Diagnostic) -> BoundExpr {
            let argument = bound[index]
            if TypeRules.isNullLiteral(argument) { return argument }
            guard accepts(argument.type) else {
                throw Diagnostic("\(fname) needs \(expected), found \(TypeRules.article(argument.type)): \(usage)",
                                 at: .statement(arguments[index].range))
            }
            return argument
        }
        func date(_ index: Int) throws(Diagnostic) -> BoundExpr {
            let argument = try require(index, "a date", TypeRules.isTemporal)
            return TypeRules.isNullLiteral(argument) ? .literal(.null, .date) : TypeRules.cast(argument, to: .date)
        }
        func string(_ index: Int) throws(Diagnostic) -> BoundExpr {
            let argument = try require(index, "a string") { $0 == .string }
            return TypeRules.isNullLiteral(argument) ? .literal(.null, .string) : argument
        }
        func call(_ function: ScalarFunction, _ arguments: [BoundExpr], _ type: DataType) -> BoundExpr {
            .function(function, arguments, type, range: range)
        }

        switch fname {
        case "asof":
            // The `.asof` date as a value, so other dates derive from it: the previous month
            // end is `date_trunc("month", asof()) - 1`.
            return .literal(.date(asOf), .date)
        case "days_since":
            return .arithmetic(.subtract, .literal(.date(asOf), .date), try date(0), .int64, range: range)
        case "coalesce":
            let unified = try unifyValues(Array(zip(bound, arguments.map(\.range))), what: "coalesce arguments", range: range)
            return call(.coalesce, unified, unified[0].type)
        case "contains", "starts_with", "ends_with":
            let function = ScalarFunction(rawValue: fname) ?? .contains
            return call(function, [try string(0), try string(1)], .bool)
        case "lower", "upper", "trim":
            return call(ScalarFunction(rawValue: fname) ?? .lower, [try string(0)], .string)
        case "concat":
            // Any values: each is read as Strata writes it; nulls add nothing.
            return call(.concat, bound, .string)
        case "length":
            return call(.length, [try string(0)], .int64)
        case "year", "month", "week":
            return call(ScalarFunction(rawValue: fname) ?? .year, [try date(0)], .int64)
        case "date_trunc":
            return call(.dateTrunc, [.literal(.string(unit), .string), try date(1)], .date)
        case "abs":
            let number = try require(0, "a number") { $0.isNumeric }
            return call(.abs, [number], number.type)
        default:
            return try bindRound(try require(0, "a number") { $0.isNumeric }, arguments, range)
        }
    }

    /// The unit of `date_trunc`: a string literal naming one of ``dateTruncUnits``.
    func dateTruncUnit(_ expr: Expr) throws(Diagnostic) -> String {
        guard case .literal(.string(let unit), _) = expr else {
            throw Diagnostic("date_trunc needs the unit in quotes first: \"year\", \"quarter\", \"month\", \"week\" or \"day\"",
                             at: .statement(expr.range))
        }
        guard Binder.dateTruncUnits.contains(unit) else {
            throw Diagnostic("unknown unit \"\(unit)\" for date_trunc.\(Suggestion.phrase(for: unit, among: Binder.dateTruncUnits))",
                             at: .statement(expr.range))
        }
        return unit
    }

    /// `round(x[, digits])`, half away from zero; negative digits round to tens, hundreds, ….
    /// Result: double → double; decimal(s) → decimal(clamp(digits, 0, s)); integer → integer
    /// (returned unchanged when digits ≥ 0).
    func bindRound(_ number: BoundExpr, _ arguments: [Expr], _ range: Range<Int>) throws(Diagnostic) -> BoundExpr {
        var digits: Int64 = 0
        if arguments.count == 2 {
            guard case .literal(.number(let text), _) = arguments[1], let value = Int64(text),
                  (-18...Int64(DataType.maxDecimalScale)).contains(value) else {
                throw Diagnostic("round needs a whole number of digits from -18 to 9: round(number, 2)",
                                 at: .statement(arguments[1].range))
            }
            digits = value
        }
        let type: DataType
        switch number.type {
        case .int64 where digits >= 0: return number
        case .int64: type = .int64
        case .decimal(let scale): type = .decimal(scale: max(0, min(scale, Int(digits))))
        default: type = .double
        }
        return .function(.round, [number, .literal(.int(digits), .int64)], type, range: range)
    }
}
