import StrataCore
import StrataLang

/// The one-pass evaluation of a threshold sweep. Applies when the pipeline is only `where`
/// verbs and the parameter appears once, as `KEY op P` or `P op KEY` (op `<` `<=` `>` `>=`) in
/// a top-level `and` conjunct, KEY being any expression without the parameter (`recency`,
/// `days_since(last_contact_date)`). The other conjuncts filter once; then every row's KEY is
/// placed among the sorted thresholds by binary search, and counts and exact sums per slot
/// become every value's answer by prefix sums.
///
/// Falls back to the plain path (with the reason, shown by `.explain whatif …`) for grids,
/// other verbs, double sums (their rounding depends on the order of addition), and key and
/// parameter types the comparison would convert inexactly.
struct WhatIfFastPath {
    enum Choice {
        case fast(WhatIfFastPath)
        case plain(String)
    }

    /// Thresholds in the key's own representation, in the order of the parameter's values.
    enum Thresholds {
        /// Integer, decimal (at the key's scale) and date keys.
        case integers([Int64])
        case doubles([Double])
    }

    let base: LogicalPlan
    let key: BoundExpr
    /// The comparison as `KEY op P`.
    let op: BinaryOperator
    let thresholds: Thresholds
    let money: Field?
    let keyText: String
    let parameter: String

    var summary: String {
        "one pass over the rows where the other conditions hold, \(keyText) \(op.rawValue) \(parameter)"
    }

    /// The fast evaluation of `runner`'s sweep, or why it does not apply.
    static func plan(_ runner: WhatIfRunner) throws -> Choice {
        let request = runner.request
        guard request.parameters.count == 1, let parameter = request.parameters.first else {
            return .plain("a grid of two parameters")
        }
        let name = parameter.name.text
        var conditions: [[Expr]] = []
        for verb in request.pipeline.verbs {
            guard case .filter(let condition) = verb.kind else { return .plain("the pipeline has verbs other than where") }
            conditions.append(WhatIfNames.conjuncts(condition))
        }
        let mentioning = conditions.joined().filter { WhatIfNames.expr($0, uses: name) }
        guard mentioning.count == 1, case .binary(let written, let left, let right, _) = mentioning[0],
              [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(written) else {
            return .plain("\(name) is not in a single comparison <, <=, > or >= joined by and")
        }
        let keyExpr: Expr
        let op: BinaryOperator
        if case .name(let found) = right, found.text == name, !WhatIfNames.expr(left, uses: name) {
            (keyExpr, op) = (left, written)
        } else if case .name(let found) = left, found.text == name, !WhatIfNames.expr(right, uses: name) {
            (keyExpr, op) = (right, flipped(written))
        } else {
            return .plain("\(name) is not compared directly with an expression free of it")
        }
        var pipeline = request.pipeline
        pipeline.verbs = conditions.compactMap { conjuncts -> Verb? in
            let others = conjuncts.filter { !WhatIfNames.expr($0, uses: name) }
            guard let first = others.first else { return nil }
            let joined = others.dropFirst().reduce(first) { .binary(.and, $0, $1, $0.range.lowerBound..<$1.range.upperBound) }
            return Verb(.filter(joined), joined.range)
        }
        let base = try runner.binder.bind(pipeline)
        let key = try runner.binder.bind(keyExpr, schema: base.schema)
        let money = try WhatIfSum.moneyField(in: base.schema, chosen: runner.sumColumn)
        if money?.type == .double { return .plain("the summed column is a double") }
        var values: [Value] = []
        for literal in parameter.values {
            guard case .literal(let value, _) = try runner.binder.bindLiteral(literal, parameter.valuesRange) else {
                return .plain("a value is not a constant")
            }
            values.append(value)
        }
        guard let thresholds = convert(values, keyType: key.type, op: op) else {
            return .plain("\(name)'s values are compared with \(TypeRules.article(key.type)) inexactly or not at all")
        }
        return .fast(WhatIfFastPath(base: base, key: key, op: op, thresholds: thresholds, money: money,
                                    keyText: source(of: keyExpr), parameter: name))
    }

    static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: op
        }
    }

    /// The parameter's values in the key's representation. A finer decimal than the key is
    /// rounded so the integer comparison keeps its meaning (`key > 5.5` is `key > 5` for
    /// whole keys, `key >= 5.5` is `key >= 6`); nil when the comparison could not be exact.
    static func convert(_ values: [Value], keyType: DataType, op: BinaryOperator) -> Thresholds? {
        switch keyType {
        case .double:
            var result: [Double] = []
            for value in values {
                guard case .int(let v) = value else { return nil }
                result.append(Double(v))
            }
            return .doubles(result)
        case .date:
            var result: [Int64] = []
            for value in values {
                guard case .date(let days) = value else { return nil }
                result.append(Int64(days))
            }
            return .integers(result)
        case .int64, .decimal:
            let keyScale = TypeRules.scale(keyType)
            var result: [Int64] = []
            for value in values {
                let (units, scale): (Int64, Int)
                switch value {
                case .int(let v): (units, scale) = (v, 0)
                case .decimal(let v, let s): (units, scale) = (v, s)
                default: return nil
                }
                guard let converted = rescale(units, from: scale, to: keyScale, roundUp: op == .greaterOrEqual || op == .less) else {
                    return nil
                }
                result.append(converted)
            }
            return .integers(result)
        default:
            return nil
        }
    }

    /// `units` at `scale` expressed at `target`: exact when finer, else rounded down or up.
    static func rescale(_ units: Int64, from scale: Int, to target: Int, roundUp: Bool) -> Int64? {
        var result = units
        if target >= scale {
            for _ in scale..<target {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        var divisor: Int64 = 1
        for _ in target..<scale { divisor *= 10 }
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: divisor)
        // Truncation goes toward zero; move to the floor or the ceiling.
        if remainder == 0 { return quotient }
        if roundUp { return remainder > 0 ? quotient + 1 : quotient }
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The key as written, for `.explain`.
    static func source(of expr: Expr) -> String {
        switch expr {
        case .name(let name): return name.text
        case .call(let name, let arguments, _) where arguments.count == 1:
            return "\(name.text)(\(source(of: arguments[0])))"
        default: return expr.description
        }
    }
}
