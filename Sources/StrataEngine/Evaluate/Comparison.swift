import StrataCore

/// Comparisons of every type. Numbers, dates and timestamps compare as their stored integers
/// (same scale after the binder's casts); doubles by IEEE rules; strings by Unicode scalar
/// order (UTF-8 bytes), equality by Swift string equality; `false < true`.
extension Frame {
    /// The comparison as a boolean column (null where either side is null).
    /// - Complexity: O(rows), plus O(distinct strings) for strings.
    func compare(_ op: ComparisonOperator, _ left: BoundExpr, _ right: BoundExpr, site: Range<Int>?) throws -> Column {
        let (left, right) = try ComparisonTypes.unify(left, right, site: site)
        let nullResult = Literal.nullColumn(.bool, count: rowCount)
        let values: ContiguousArray<Bool>
        let validity: Bitmap?
        switch left.type {
        case .int64, .decimal, .timestamp:
            guard let (leftOperand, leftValidity) = try int64Operand(left, as: left.type, site: site),
                  let (rightOperand, rightValidity) = try int64Operand(right, as: left.type, site: site)
            else { return nullResult }
            values = try compareValues(op, leftOperand, rightOperand, count: rowCount)
            validity = Validity.and(leftValidity, rightValidity)
        case .date:
            guard let (leftOperand, leftValidity) = try int32Operand(left, site: site),
                  let (rightOperand, rightValidity) = try int32Operand(right, site: site)
            else { return nullResult }
            values = try compareValues(op, leftOperand, rightOperand, count: rowCount)
            validity = Validity.and(leftValidity, rightValidity)
        case .double:
            guard let (leftOperand, leftValidity) = try doubleOperand(left, site: site),
                  let (rightOperand, rightValidity) = try doubleOperand(right, site: site)
            else { return nullResult }
            values = try compareValues(op, leftOperand, rightOperand, count: rowCount)
            validity = Validity.and(leftValidity, rightValidity)
        case .bool:
            guard let (leftOperand, leftValidity) = try boolRankOperand(left, site: site),
                  let (rightOperand, rightValidity) = try boolRankOperand(right, site: site)
            else { return nullResult }
            values = try compareValues(op, leftOperand, rightOperand, count: rowCount)
            validity = Validity.and(leftValidity, rightValidity)
        case .string:
            guard let (leftSide, rightSide) = try stringRankOperands(left, right, site: site) else { return nullResult }
            values = try compareValues(op, leftSide.0, rightSide.0, count: rowCount)
            validity = Validity.and(leftSide.1, rightSide.1)
        }
        return Column(type: .bool, data: .bool(values), validity: validity)
    }

    /// Booleans as comparable integers, 0 and 1.
    func boolRankOperand(_ expr: BoundExpr, site: Range<Int>?) throws -> (Operand<UInt8>, Bitmap?)? {
        guard let (operand, validity) = try boolOperand(expr, site: site) else { return nil }
        switch operand {
        case .scalar(let flag): return (.scalar(flag ? 1 : 0), validity)
        case .values(let flags): return (.values(try unaryMap(flags) { ($0 ? 1 : 0, false) }.0), validity)
        }
    }

    /// Both sides of a string comparison as ranks in one shared order of their dictionaries.
    func stringRankOperands(_ left: BoundExpr, _ right: BoundExpr, site: Range<Int>?) throws
        -> ((Operand<UInt32>, Bitmap?), (Operand<UInt32>, Bitmap?))? {
        guard let leftSide = try stringCodes(left, site: site), let rightSide = try stringCodes(right, site: site) else {
            return nil
        }
        let ranks = StringRanks(leftSide.dictionary, rightSide.dictionary)
        return ((try ranks.map(leftSide.codes, with: ranks.first), leftSide.validity),
                (try ranks.map(rightSide.codes, with: ranks.second), rightSide.validity))
    }

    /// A string subexpression as codes into its dictionary; a literal is one code of a
    /// one-entry dictionary. nil for a null constant.
    func stringCodes(_ expr: BoundExpr, site: Range<Int>?) throws
        -> (codes: StringSide, dictionary: StringDictionary, validity: Bitmap?)? {
        if case .literal(let value, _) = expr {
            if value.isNull { return nil }
            return (.scalar(0), StringDictionary([try Literal.string(value, site: site)]), nil)
        }
        let column = try evaluate(expr, site: site)
        guard column.type == .string else { throw Diagnostic("internal error: expected a string, found \(column.type)") }
        let (codes, dictionary) = column.data.stringCodes
        return (.codes(codes), dictionary, column.validity)
    }
}

/// Ranks of the strings of two dictionaries in one UTF-8 byte order: equal strings share a rank.
struct StringRanks {
    var first: ContiguousArray<UInt32>
    var second: ContiguousArray<UInt32>

    init(_ firstDictionary: StringDictionary, _ secondDictionary: StringDictionary?) {
        var entries: [(text: String, side: Int, code: Int)] = []
        for (code, text) in firstDictionary.values.enumerated() { entries.append((text, 0, code)) }
        for (code, text) in (secondDictionary?.values ?? []).enumerated() { entries.append((text, 1, code)) }
        entries.sort { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
        first = ContiguousArray(repeating: 0, count: max(firstDictionary.count, 1))
        second = ContiguousArray(repeating: 0, count: max(secondDictionary?.count ?? 0, 1))
        var rank: UInt32 = 0
        for (position, entry) in entries.enumerated() {
            if position > 0, entries[position - 1].text != entry.text { rank += 1 }
            if entry.side == 0 { first[entry.code] = rank } else { second[entry.code] = rank }
        }
    }

    /// The codes replaced by their ranks (read in their stored width).
    func map(_ codes: StringSide, with ranks: ContiguousArray<UInt32>) throws -> Operand<UInt32> {
        switch codes {
        case .scalar(let code): return .scalar(ranks[Int(code)])
        case .codes(let codes): return .values(try codes.lookup(ranks))
        }
    }
}

/// One side of a string operation: a literal's single code, or a column's codes.
enum StringSide {
    case scalar(UInt32)
    case codes(DictionaryCodes)

    /// `table[code]` per row (`count` rows of the one answer for a literal).
    func lookup<T>(_ table: ContiguousArray<T>, count: Int) throws -> ContiguousArray<T> {
        switch self {
        case .scalar(let code): return ContiguousArray(repeating: table[Int(code)], count: count)
        case .codes(let codes): return try codes.lookup(table)
        }
    }

    /// As a `UInt32` operand (column codes widened: for the general, per-row paths).
    var operand: Operand<UInt32> {
        switch self {
        case .scalar(let code): .scalar(code)
        case .codes(let codes): codes.operand
        }
    }
}

/// `op` applied to every row pair.
@inline(__always)
func compareValues<T: Comparable>(_ op: ComparisonOperator, _ left: Operand<T>, _ right: Operand<T>,
                                  count: Int) throws -> ContiguousArray<Bool> {
    switch op {
    case .equal: try binaryMap(left, right, count: count) { ($0 == $1, false) }.0
    case .notEqual: try binaryMap(left, right, count: count) { ($0 != $1, false) }.0
    case .less: try binaryMap(left, right, count: count) { ($0 < $1, false) }.0
    case .lessOrEqual: try binaryMap(left, right, count: count) { ($0 <= $1, false) }.0
    case .greater: try binaryMap(left, right, count: count) { ($0 > $1, false) }.0
    case .greaterOrEqual: try binaryMap(left, right, count: count) { ($0 >= $1, false) }.0
    }
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `a < b` ⇔ `b > a`.
    var flipped: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    /// The complement on non-null values of a total order: `not (a < b)` ⇔ `a >= b`.
    var negated: ComparisonOperator {
        switch self {
        case .equal: .notEqual
        case .notEqual: .equal
        case .less: .greaterOrEqual
        case .lessOrEqual: .greater
        case .greater: .lessOrEqual
        case .greaterOrEqual: .less
        }
    }
}

/// Makes both sides of a comparison one type when the binder left them different (it normally
/// does not): integer/decimal → the wider decimal, anything numeric with a double → double,
/// date with timestamp → timestamp.
enum ComparisonTypes {
    static func unify(_ left: BoundExpr, _ right: BoundExpr, site: Range<Int>?) throws -> (BoundExpr, BoundExpr) {
        let leftType = left.type, rightType = right.type
        if leftType == rightType { return (left, right) }
        let common: DataType
        if leftType.isExactNumber, rightType.isExactNumber {
            common = .decimal(scale: max(leftType.decimalScale, rightType.decimalScale))
        } else if leftType.isNumeric, rightType.isNumeric {
            common = .double
        } else if leftType.isTemporal, rightType.isTemporal {
            common = .timestamp
        } else {
            throw Diagnostic("cannot compare \(leftType) with \(rightType)", at: site.map { .statement($0) })
        }
        return (Folding.fold(.cast(left, common)), Folding.fold(.cast(right, common)))
    }
}
