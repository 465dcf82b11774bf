import StrataCore

/// `not`, three-valued `and` / `or`, `is null`, `in [...]` as boolean columns.
extension Frame {
    /// `not x`; null stays null.
    func logicalNot(_ operand: BoundExpr, site: Range<Int>?) throws -> Column {
        guard let (values, validity) = try boolOperand(operand, site: site) else {
            return Literal.nullColumn(.bool, count: rowCount)
        }
        let negated = try binaryMap(values, Operand<Bool>.scalar(false), count: rowCount) { value, _ in (!value, false) }.0
        return Column(type: .bool, data: .bool(negated), validity: validity)
    }

    /// SQL three-valued logic: `false and null` = false, `true or null` = true, otherwise a null
    /// side gives null.
    /// - Complexity: O(rows); validity is computed per row only when a side has nulls.
    func logical(isAnd: Bool, _ left: BoundExpr, _ right: BoundExpr, site: Range<Int>?) throws -> Column {
        let null: (Operand<Bool>, Bitmap?) = (.scalar(false), Bitmap(count: rowCount, value: false))
        let (leftValues, leftValidity) = try boolOperand(left, site: site) ?? null
        let (rightValues, rightValidity) = try boolOperand(right, site: site) ?? null
        // Where a side is null its stored value is ignored: `a and b` with the known side false
        // is false whatever the other holds, and the validity below marks the unknown rows.
        let values = isAnd
            ? try binaryMap(leftValues, rightValues, count: rowCount) { ($0 && $1, false) }.0
            : try binaryMap(leftValues, rightValues, count: rowCount) { ($0 || $1, false) }.0
        guard leftValidity != nil || rightValidity != nil else {
            return Column(type: .bool, data: .bool(values), validity: nil)
        }
        let allValid = Bitmap(count: rowCount, value: true)
        let leftBits = leftValidity ?? allValid, rightBits = rightValidity ?? allValid
        let validity = Validity.build(count: rowCount) { row in
            let leftKnown = leftBits[row], rightKnown = rightBits[row]
            if leftKnown && rightKnown { return true }
            // The one known side decides when it is the absorbing value (false for and, true for or).
            if leftKnown { return leftValues[row] != isAnd }
            if rightKnown { return rightValues[row] != isAnd }
            return false
        }
        return Column(type: .bool, data: .bool(values), validity: validity)
    }

    /// `x is null` / `x is not null`; never null.
    func isNull(_ operand: BoundExpr, negated: Bool, site: Range<Int>?) throws -> Column {
        let validity: Bitmap?
        if case .literal(let value, _) = operand {
            validity = value.isNull ? Bitmap(count: rowCount, value: false) : nil
        } else {
            validity = try evaluate(operand, site: site).validity
        }
        guard let validity else {
            return Column(type: .bool, data: .bool(ContiguousArray(repeating: negated, count: rowCount)))
        }
        let values = validity.words.withUnsafeBufferPointer { words in
            ContiguousArray<Bool>(unsafeUninitializedCapacity: rowCount) { out, initialized in
                for row in 0..<rowCount { out[row] = (validBit(words, row) == 1) == negated }
                initialized = rowCount
            }
        }
        return Column(type: .bool, data: .bool(values))
    }

    /// `x in [v…]`: true on a match; otherwise false, or null when the list holds a null.
    func inList(_ operand: BoundExpr, _ values: [Value], negated: Bool, site: Range<Int>?) throws -> Column {
        let operandColumn = try evaluate(operand, site: site)
        let (members, listHasNull) = try membership(of: operandColumn, in: values, site: site)
        let result = try binaryMap(.values(members), Operand<Bool>.scalar(negated), count: rowCount) { ($0 != $1, false) }.0
        var validity = operandColumn.validity
        if listHasNull {
            validity = Validity.and(validity, Validity.build(count: rowCount) { members[$0] })
        }
        return Column(type: .bool, data: .bool(result), validity: validity)
    }

    /// Per row: whether the column's value is one of `values` (ignoring nulls in the list).
    /// Strings are decided once per dictionary entry; other types by a sorted list.
    func membership(of column: Column, in values: [Value], site: Range<Int>?) throws -> (ContiguousArray<Bool>, listHasNull: Bool) {
        let listHasNull = values.contains { $0.isNull }
        let constants = values.filter { !$0.isNull }
        let members: ContiguousArray<Bool>
        switch column.type {
        case .int64, .decimal, .timestamp:
            let list = try constants.map { try Literal.int64($0, as: column.type, site: site) }
            members = try Membership.test(column.data.int64Values, list)
        case .date:
            members = try Membership.test(column.data.int32Values, try constants.map { try Literal.int32($0, site: site) })
        case .double:
            members = try Membership.test(column.data.doubleValues, try constants.map { try Literal.double($0, site: site) })
        case .bool:
            let list = try constants.map { try Literal.bool($0, site: site) }
            members = try unaryMap(column.data.boolValues) { (list.contains($0), false) }.0
        case .string:
            let (codes, dictionary) = column.data.stringCodes
            let wanted = Set(try constants.map { ExactText(try Literal.string($0, site: site)) })
            let table = ContiguousArray((0..<max(dictionary.count, 1)).map { code in
                code < dictionary.count && wanted.contains(ExactText(dictionary.values[code]))
            })
            members = try codes.lookup(table)
        }
        return (members, listHasNull)
    }
}

/// Membership in a constant list: a linear scan for short lists, binary search for long ones.
enum Membership {
    @inline(__always)
    static func test<T: Comparable>(_ values: ContiguousArray<T>, _ list: [T]) throws -> ContiguousArray<Bool> {
        let sorted = list.sorted()
        if sorted.count <= 8 {
            return try sorted.withUnsafeBufferPointer { items in
                try unaryMap(values) { value in
                    var found = false
                    for item in items { found = found || item == value }
                    return (found, false)
                }.0
            }
        }
        return try sorted.withUnsafeBufferPointer { items in
            try unaryMap(values) { (contains(items, $0), false) }.0
        }
    }

    @inline(__always)
    static func contains<T: Comparable>(_ items: UnsafeBufferPointer<T>, _ value: T) -> Bool {
        var low = 0, high = items.count
        while low < high {
            let middle = (low + high) >> 1
            if items[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < items.count && items[low] == value
    }
}
